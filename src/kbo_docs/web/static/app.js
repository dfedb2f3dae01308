// Small helpers on top of htmx: paste from Excel into a register grid, add grid rows without a
// round trip, and show the chosen form of a value that may take several (recipients as a list,
// bound to a register, or from an XLSX): the others are disabled, so they are not posted and
// htmx leaves them out of the live check. No build step; works offline.
(function () {
  "use strict";
  function gridOf(el) { return el.closest("table.grid"); }
  function addRow(table) {
    var body = table.tBodies[0];
    var path = table.dataset.path;
    var count = table.closest(".grid-block").querySelector("input[name='" + path + ".__n']");
    var i = parseInt(count.value, 10) || 0;
    var keys = parseInt(table.dataset.columns, 10);
    var extras = parseInt(table.dataset.extras || "0", 10);
    var tr = document.createElement("tr");
    var names = [path + "." + i + ".name"];
    for (var j = 0; j < keys; j++) names.push(path + "." + i + "." + j);
    for (var k = 0; k < extras; k++) names.push(path + "." + i + ".x" + k);
    names.forEach(function (name, j) {
      var td = document.createElement("td");
      if (j === 0) td.className = "name";
      var input = document.createElement("input");
      input.type = "text"; input.name = name; input.setAttribute("aria-label", name);
      td.appendChild(input); tr.appendChild(td);
    });
    body.appendChild(tr);
    count.value = String(i + 1);
    return tr;
  }
  document.addEventListener("paste", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !gridOf(input)) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") < 0 && text.indexOf("\n") < 0) return;  // one cell: the browser pastes it
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var table = gridOf(input);
    var startRow = input.closest("tr").sectionRowIndex;
    var startCol = input.closest("td").cellIndex;
    var rows = table.tBodies[0].rows;
    lines.forEach(function (line, r) {
      var tr = rows[startRow + r] || addRow(table);
      line.split("\t").forEach(function (value, c) {
        var cell = tr.cells[startCol + c];
        if (cell) cell.querySelector("input").value = value.trim();
      });
    });
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!(radio instanceof HTMLInputElement) || radio.type !== "radio" || !radio.dataset.variant) return;
    var union = radio.closest("fieldset[data-union]");
    if (!union) return;
    union.querySelectorAll("input[type=radio][data-variant]").forEach(function (other) {
      if (other.closest("fieldset[data-union]") !== union) return;  // a union inside one of the forms
      var body = document.getElementById(other.dataset.variant);
      if (!body) return;
      body.disabled = !other.checked;
      body.hidden = !other.checked;
    });
  });
  // A column's key or title typed above its register's grid: the grid's header follows, and the
  // column's cells are posted under the key as typed (a renamed key keeps its cells).
  document.addEventListener("input", function (event) {
    var input = event.target;
    var m = /^(.*)\.(\d+)\.(key|title)$/.exec(input.name || "");
    if (!m) return;
    var table = document.querySelector("table.grid[data-columns-from='" + m[1] + "']");
    if (!table) return;
    var j = parseInt(m[2], 10);
    var th = table.tHead.rows[0].cells[j + 1];
    if (!th || j >= parseInt(table.dataset.columns, 10)) return;
    var value = input.value.trim();
    if (m[3] === "key") {
      var keys = table.closest(".grid-block").querySelectorAll("input[name='" + table.dataset.path + ".__key']");
      if (keys[j]) keys[j].value = value;
      th.querySelector(".muted").textContent = value;
      var title = document.querySelector("[name='" + m[1] + "." + j + ".title']");
      if (title && title.value.trim()) return;
    }
    if (!value) {  // no title: the key stands for it, as on the server
      var key = document.querySelector("[name='" + m[1] + "." + j + ".key']");
      value = key ? key.value.trim() : "";
    }
    th.querySelector(".title").textContent = value;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-add-row]");
    if (!button) return;
    event.preventDefault();
    var table = button.closest(".grid-block").querySelector("table.grid");
    addRow(table).querySelector("input").focus();
  });
})();
