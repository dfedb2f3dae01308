"""Only what pyproject.toml cannot say: the packages under src/, plus the repository's top-level
templates/ and fonts/ folders installed inside the package as kbo_docs._templates and
kbo_docs._fonts (kbo_docs.render.paths finds them there when not run from a checkout)."""

from setuptools import find_packages, setup

setup(
    packages=find_packages("src") + ["kbo_docs._templates", "kbo_docs._fonts"],
    package_dir={"": "src", "kbo_docs._templates": "templates", "kbo_docs._fonts": "fonts"},
)
