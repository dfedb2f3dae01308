"""In a real headless Chromium against a real ``kbo-docs serve``: check a document and see its
findings, make a project year from nothing and download its PDF, issue two numbers at once."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from kbo_docs import api
from kbo_docs.load import load_project

from .browser import chromium, resize, running_server, screenshot, wait_for_file
from .conftest import CHIANGMAI, LAMPANG

ORIGINALS = Path(__file__).resolve().parents[1] / "lint" / "fixtures" / "originals"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    with running_server(tmp_path_factory.mktemp("serve") / "data") as url:
        yield url


@pytest.fixture
def browser(tmp_path: Path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(downloads) as driver:
        driver.downloads = downloads
        yield driver


def _wait(driver, seconds: float = 30) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def _documents(tmp_path: Path) -> list[Path]:
    """The sample documents as a clerk would have them: the two originals as text, and the
    samples' own DOCX, PDF and XLSX."""
    docs = sorted(ORIGINALS.iterdir())
    for sample in (LAMPANG, CHIANGMAI):
        name, data, _ = api.render_bytes(load_project(sample), "zip")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                path = tmp_path / member
                path.write_bytes(archive.read(member))
                docs.append(path)
    return docs


def test_check_each_sample_document_and_see_its_findings(server, browser, tmp_path: Path) -> None:
    for i, path in enumerate(_documents(tmp_path)):
        browser.get(server + "/lint")
        browser.find_element(By.ID, "doc").send_keys(str(path))
        browser.find_element(By.ID, "check").click()
        _wait(browser, 120).until(EC.presence_of_element_located((By.ID, "result")))
        result = browser.find_element(By.ID, "result")
        expected = api.lint_bytes(path.read_bytes(), path.name)
        assert expected.error is None, expected.error
        shown = [el.text for el in result.find_elements(By.CSS_SELECTOR, ".finding .code")]
        assert sorted(shown) == sorted(f.rule for f in expected.findings), path.name
        if expected.findings:
            assert result.find_elements(By.CSS_SELECTOR, ".hit"), path.name
        else:
            assert "ไม่พบข้อผิดพลาด" in result.text
        if path.name.startswith("lampang") and path.suffix == ".txt":
            screenshot(browser, "lint-desktop", tmp_path)
            resize(browser, "phone")
            screenshot(browser, "lint-phone", tmp_path)
            resize(browser, "desktop")


def test_make_a_project_year_from_nothing_and_download_its_pdf(server, browser, tmp_path: Path) -> None:
    b = browser
    b.get(server + "/")
    screenshot(b, "home-desktop", tmp_path)
    b.find_element(By.ID, "new-name").send_keys("กขคจ. ทดสอบ ๒๕๖๘")
    b.find_element(By.ID, "create").click()
    _wait(b).until(EC.presence_of_element_located((By.ID, "editor")))

    def field(name: str):  # type: ignore[no-untyped-def]
        return b.find_element(By.NAME, name)

    field("agency.name").send_keys("สำนักงานพัฒนาชุมชนจังหวัดลำปาง")
    field("project.name").send_keys("โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้")
    field("project.fiscal_year").send_keys("๒๕๖๘")
    b.find_element(By.CSS_SELECTOR, "button[value='add:circulars']").click()
    _wait(b).until(EC.presence_of_element_located((By.NAME, "circulars.0.subject")))
    typed = {
        "circulars.0.id": "letter1", "circulars.0.subject": "ขอเชิญประชุม",
        "circulars.0.recipient": "นายอำเภอทุกอำเภอ", "circulars.0.body": "ด้วยจังหวัดลำปางจะจัดประชุมคณะทำงาน",
        "circulars.0.signer.name": "นายทดสอบ ใจดี", "circulars.0.signer.position": "พัฒนาการจังหวัดลำปาง",
    }
    for name, value in typed.items():
        field(name).send_keys(value)
    # The number in parts, as the model offers it (owner code, ว, running number).
    field("circulars.0.number.owner").send_keys("ลป ๐๐๑๙.๓")
    from selenium.webdriver.support.ui import Select

    Select(field("circulars.0.number.circular")).select_by_value("true")
    field("circulars.0.number.running").send_keys("๑๒")
    # A date that does not exist: the finding appears beside the field as the clerk types.
    field("circulars.0.date").send_keys("๓๑ กุมภาพันธ์ ๒๕๖๘")
    slot = b.find_element(By.CSS_SELECTOR, "#editor [name='circulars.0.date'] ~ .slot")
    _wait(b).until(lambda _: "INPUT" in slot.text)
    assert "31" in slot.text or "๓๑" in slot.text
    b.execute_script("arguments[0].scrollIntoView({block: 'center'})", slot)
    screenshot(b, "finding-beside-field-desktop", tmp_path)
    field("circulars.0.date").clear()
    field("circulars.0.date").send_keys("๖ ธ.ค. ๖๗")
    _wait(b).until(lambda _: "ไม่พบข้อผิดพลาด" in b.find_element(By.ID, "summary").text)
    b.find_element(By.ID, "save").click()
    _wait(b).until(EC.presence_of_element_located((By.ID, "saved")))
    _wait(b, 120).until(lambda _: b.execute_script(
        "const i = document.querySelector('.preview img'); return i && i.complete && i.naturalWidth > 0"))
    screenshot(b, "project-desktop", tmp_path)
    resize(b, "phone")
    screenshot(b, "project-phone", tmp_path)
    resize(b, "desktop")
    b.find_element(By.ID, "dl-letter1-pdf").click()
    pdf = wait_for_file(b.downloads, ".pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\xa0", " ")
    for words in ("ที่ ลป ๐๐๑๙.๓/ว ๑๒", "๖ ธันวาคม ๒๕๖๗", "ขอเชิญประชุม", "นายอำเภอทุกอำเภอ",
                  "ด้วยจังหวัดลำปางจะจัดประชุมคณะทำงาน", "(นายทดสอบ ใจดี)", "พัฒนาการจังหวัดลำปาง"):
        assert words in text, words


def test_two_clerks_issue_numbers_at_the_same_moment(server, browser, tmp_path: Path) -> None:
    downloads = tmp_path / "second"
    downloads.mkdir()
    with chromium(downloads) as other:
        clerks = [browser, other]
        for clerk in clerks:
            clerk.get(server + "/numbers")
            clerk.find_element(By.ID, "subject").send_keys("หนังสือเวียนทดสอบ")
        barrier = threading.Barrier(2)

        def click(clerk) -> None:  # type: ignore[no-untyped-def]
            barrier.wait()
            clerk.find_element(By.ID, "issue").click()

        threads = [threading.Thread(target=click, args=(c,)) for c in clerks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        numbers = []
        for clerk in clerks:
            _wait(clerk).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#issued .issued")))
            numbers.append(clerk.find_element(By.CSS_SELECTOR, "#issued .issued").text)
        assert numbers[0] != numbers[1]
        assert all(n.startswith("ลป ๐๐๑๙.๓/ว ") for n in numbers)
        browser.refresh()
        screenshot(browser, "numbers-desktop", tmp_path)


def test_import_a_sample_and_paste_register_rows_from_excel(server, browser, tmp_path: Path) -> None:
    b = browser
    b.get(server + "/")
    b.find_element(By.ID, "new-name").send_keys("ลำปาง ๒๕๖๘ (นำเข้า)")
    b.find_element(By.ID, "new-yaml").send_keys(str(LAMPANG))
    b.find_element(By.ID, "create").click()
    _wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.grid")))
    before = load_project(LAMPANG).project.registers[0]
    width = len(before.columns)
    # the register's grid (a circular's recipients are a grid too, and come first on the page)
    grid = b.find_element(By.CSS_SELECTOR, "table.grid[data-path='registers.0.rows']")
    block = grid.find_element(By.XPATH, "./ancestor::*[contains(concat(' ', @class, ' '), ' grid-block ')][1]")
    count = len(grid.find_elements(By.CSS_SELECTOR, "tbody tr"))
    block.find_element(By.CSS_SELECTOR, "button[data-add-row]").click()
    _wait(b).until(lambda _: len(grid.find_elements(By.CSS_SELECTOR, "tbody tr")) == count + 1)
    first = grid.find_elements(By.CSS_SELECTOR, "tbody tr")[-1].find_element(By.TAG_NAME, "input")
    rows = [["อำเภอทดสอบหนึ่ง", *["๑"] * width], ["อำเภอทดสอบสอง", *["2"] * width]]
    clip = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    b.execute_script(
        "const dt = new DataTransfer(); dt.setData('text/plain', arguments[1]);"
        "arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));",
        first, clip)
    cells = grid.find_elements(By.CSS_SELECTOR, "tbody tr")[-1].find_elements(By.TAG_NAME, "input")
    assert [c.get_attribute("value") for c in cells][: width + 1] == rows[1]
    b.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find_element(By.CSS_SELECTOR, "table.grid"))
    _wait(b, 180).until(lambda _: b.execute_script(
        "return [...document.querySelectorAll('.preview img')].every(i => i.complete && i.naturalWidth > 0)"))
    screenshot(b, "register-grid-desktop", tmp_path)
    b.find_element(By.ID, "save").click()
    _wait(b).until(EC.presence_of_element_located((By.ID, "saved")))
    # The check now finds the totals do not add up any more, beside the register.
    assert "REG" in b.find_element(By.ID, "summary").text + b.find_element(By.ID, "editor").text
    pid = b.current_url.split("/projects/")[1].split("?")[0]
    b.get(f"{server}/projects/{pid}/history?a=1&b=2")
    diff = b.find_element(By.ID, "diff").text
    assert "+  - name: อำเภอทดสอบหนึ่ง" in diff and "#" not in diff
    screenshot(b, "history-desktop", tmp_path)
    import urllib.request

    from kbo_docs.load import load_text

    with urllib.request.urlopen(f"{server}/projects/{pid}/yaml") as r:
        saved = load_text(r.read().decode("utf-8"))
    after = saved.project.registers[0]
    assert [r.name for r in after.rows] == [r.name for r in before.rows] + ["อำเภอทดสอบหนึ่ง", "อำเภอทดสอบสอง"]
    assert list(after.rows[-1].values.values()) == [2] * width


def test_a_new_circular_bound_to_a_register_renders_one_letter_per_row(server, browser, tmp_path: Path) -> None:
    """The clerk adds a circular, chooses "bound to a register" for its recipients (a choice the
    form offers because the model's recipients may take three forms), and downloads its letters."""
    b = browser
    b.get(server + "/")
    b.find_element(By.ID, "new-name").send_keys("ลำปาง ๒๕๖๘ (หนังสือถึงทุกอำเภอ)")
    b.find_element(By.ID, "new-yaml").send_keys(str(LAMPANG))
    b.find_element(By.ID, "create").click()
    _wait(b).until(EC.presence_of_element_located((By.ID, "editor")))
    b.find_element(By.CSS_SELECTOR, "button[value='add:circulars']").click()
    _wait(b).until(EC.presence_of_element_located((By.NAME, "circulars.1.subject")))

    def field(name: str):  # type: ignore[no-untyped-def]
        return b.find_element(By.NAME, name)

    from selenium.webdriver.support.ui import Select

    for name, value in {
        "circulars.1.id": "to-districts", "circulars.1.date": "๖ ธ.ค. ๖๗", "circulars.1.subject": "แจ้งเป้าหมายรายอำเภอ",
        "circulars.1.body": "ขอแจ้งเป้าหมายของอำเภอ${row.name} จำนวน ${row.target} ผลิตภัณฑ์",
        "circulars.1.signer.name": "นายทดสอบ ใจดี", "circulars.1.signer.position": "พัฒนาการจังหวัดลำปาง",
        "circulars.1.number.owner": "ลป ๐๐๑๙.๓", "circulars.1.number.running": "๑๓",
    }.items():
        field(name).send_keys(value)
    Select(field("circulars.1.number.circular")).select_by_value("true")
    # A new circular's recipients show the first form (a list); the register's form is hidden.
    register = field("circulars.1.recipients.register")
    assert not register.is_displayed() and not register.is_enabled()
    radio = b.find_element(By.CSS_SELECTOR, "input[name='circulars.1.recipients.__variant'][value='1']")
    label = radio.find_element(By.XPATH, "./parent::label").text
    assert "ผูกกับทะเบียน" in label
    radio.click()
    _wait(b).until(lambda _: register.is_displayed() and register.is_enabled())
    assert not b.find_element(By.CSS_SELECTOR, "button[value='add:circulars.1.recipients']").is_displayed()
    register.send_keys("kbo68-allocation")
    field("circulars.1.recipients.name").send_keys("นายอำเภอ${row.name}")
    # The live check (htmx) runs on the chosen form: a register that does not exist is named.
    register.send_keys("-x")
    slot_of = "#editor fieldset[data-union] [name='circulars.1.recipients.register'] ~ .slot"
    _wait(b).until(lambda _: "CIR013" in b.find_element(By.CSS_SELECTOR, slot_of).text)
    register.send_keys("\b\b")
    _wait(b).until(lambda _: "CIR013" not in b.find_element(By.CSS_SELECTOR, slot_of).text)
    _wait(b).until(lambda _: "ไม่พบข้อผิดพลาด" in b.find_element(By.ID, "summary").text)
    errors = [e for e in b.get_log("browser") if e["source"] in ("javascript", "console-api")]  # no script error
    assert not errors, errors
    b.find_element(By.ID, "save").click()
    _wait(b).until(EC.presence_of_element_located((By.ID, "saved")))
    checked = b.find_element(By.CSS_SELECTOR, "input[name='circulars.1.recipients.__variant'][value='1']")
    assert checked.is_selected()
    assert "๑๓ ฉบับ" in b.find_element(By.ID, "documents").text  # the circular's letters, one entry
    union = checked.find_element(By.XPATH, "./ancestor::fieldset[@data-union][1]")
    b.execute_script("arguments[0].scrollIntoView({block: 'start'})", union)
    _wait(b, 180).until(lambda _: b.execute_script(
        "return [...document.querySelectorAll('.preview img')].filter(i => i.getBoundingClientRect().top < innerHeight)"
        ".every(i => i.complete && i.naturalWidth > 0)"))
    screenshot(b, "recipients-register-desktop", tmp_path)
    assert field("circulars.1.recipients.register").get_attribute("value") == "kbo68-allocation"
    b.find_element(By.ID, "dl-to-districts-pdf").click()
    archive = zipfile.ZipFile(wait_for_file(b.downloads, ".zip", timeout=180))
    names = sorted(archive.namelist())
    register_rows = load_project(LAMPANG).project.registers[0].rows
    assert len(names) == len(register_rows) == 13
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read(names[1]))).pages)
    flat = "".join(text.replace("\xa0", " ").split())
    assert "นายอำเภอแม่เมาะ" in flat and "อำเภอแม่เมาะจำนวน๓ผลิตภัณฑ์" in flat


def test_a_column_added_to_a_register_appears_in_its_grid_as_typed(server, browser, tmp_path: Path) -> None:
    b = browser
    b.get(server + "/")
    b.find_element(By.ID, "new-name").send_keys("ลำปาง ๒๕๖๘ (คอลัมน์ใหม่)")
    b.find_element(By.ID, "new-yaml").send_keys(str(LAMPANG))
    b.find_element(By.ID, "create").click()
    _wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.grid[data-path='registers.0.rows']")))
    width = len(load_project(LAMPANG).project.registers[0].columns)

    def header() -> list[str]:
        grid = b.find_element(By.CSS_SELECTOR, "table.grid[data-path='registers.0.rows']")
        return [th.text for th in grid.find_elements(By.CSS_SELECTOR, "thead th")]

    before = header()
    b.find_element(By.CSS_SELECTOR, "button[value='add:registers.0.columns']").click()
    key = _wait(b).until(EC.presence_of_element_located((By.NAME, f"registers.0.columns.{width}.key")))
    after = header()  # the name, the columns, the new one (no key yet), the row's other fields
    assert len(after) == len(before) + 1 and after[width + 1] == "" and after[: width + 1] == before[: width + 1]
    key.send_keys("budget")
    assert header()[width + 1].split("\n")[-1] == "budget"
    b.find_element(By.NAME, f"registers.0.columns.{width}.title").send_keys("งบประมาณ")
    assert header()[width + 1].split("\n") == ["งบประมาณ", "budget"]
    cell = b.find_element(By.NAME, f"registers.0.rows.0.{width}")
    cell.send_keys("๕,๐๐๐")
    b.find_element(By.ID, "save").click()
    _wait(b).until(EC.presence_of_element_located((By.ID, "saved")))
    pid = b.current_url.split("/projects/")[1].split("?")[0]
    import urllib.request

    with urllib.request.urlopen(f"{server}/projects/{pid}/yaml", timeout=30) as r:
        saved = api.parse_data(r.read().decode())
    register = saved["registers"][0]  # type: ignore[index]
    assert register["columns"][width] == {"key": "budget", "title": "งบประมาณ"}
    assert register["rows"][0]["values"]["budget"] == "๕,๐๐๐"
