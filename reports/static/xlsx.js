/* Minimal offline XLSX writer: one worksheet, inline strings and numbers, stored (uncompressed)
   zip with CRC-32. No network, no dependencies. Browser: window.KinerjaXlsx; Node: module.exports.
   build(rows, sheetName) -> Uint8Array; rows = arrays of string | number | null. */
(function (root) {
  "use strict";
  var NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  var NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  var NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
  var NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types";
  var XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  var CRC_TABLE = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) { c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8); }
    return (c ^ 0xffffffff) >>> 0;
  }

  function utf8(text) { return new TextEncoder().encode(text); }

  function esc(value) {
    return String(value)
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, "$1")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function colName(i) {
    var s = "";
    for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) { s = String.fromCharCode(65 + ((i - 1) % 26)) + s; }
    return s;
  }

  function sheetXml(rows) {
    var out = [XML, '<worksheet xmlns="', NS_MAIN, '"><sheetData>'];
    for (var r = 0; r < rows.length; r++) {
      out.push('<row r="', r + 1, '">');
      for (var c = 0; c < rows[r].length; c++) {
        var v = rows[r][c], ref = colName(c) + (r + 1);
        if (v === null || v === undefined || v === "") { continue; }
        if (typeof v === "number" && isFinite(v)) {
          out.push('<c r="', ref, '"><v>', String(v), "</v></c>");
        } else {
          out.push('<c r="', ref, '" t="inlineStr"><is><t xml:space="preserve">', esc(v), "</t></is></c>");
        }
      }
      out.push("</row>");
    }
    out.push("</sheetData></worksheet>");
    return out.join("");
  }

  function parts(rows, sheetName) {
    var name = esc(String(sheetName || "Data").replace(/[\[\]:*?\/\\]/g, " ").slice(0, 31) || "Data");
    return [
      ["[Content_Types].xml", XML + '<Types xmlns="' + NS_CT + '">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        "</Types>"],
      ["_rels/.rels", XML + '<Relationships xmlns="' + NS_PKG + '">' +
        '<Relationship Id="rId1" Type="' + NS_REL + '/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ["xl/workbook.xml", XML + '<workbook xmlns="' + NS_MAIN + '" xmlns:r="' + NS_REL + '"><sheets>' +
        '<sheet name="' + name + '" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ["xl/_rels/workbook.xml.rels", XML + '<Relationships xmlns="' + NS_PKG + '">' +
        '<Relationship Id="rId1" Type="' + NS_REL + '/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
      ["xl/worksheets/sheet1.xml", sheetXml(rows)]
    ];
  }

  /* Stored zip: local headers + data, central directory, end record (all little-endian). */
  function zip(files) {
    var chunks = [], central = [], offset = 0, now = new Date();
    var time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    var date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    function header(sig, size) {
      var b = new Uint8Array(size), v = new DataView(b.buffer);
      v.setUint32(0, sig, true);
      return { bytes: b, view: v };
    }
    for (var i = 0; i < files.length; i++) {
      var name = utf8(files[i][0]), data = utf8(files[i][1]), crc = crc32(data);
      var h = header(0x04034b50, 30);
      h.view.setUint16(4, 20, true); h.view.setUint16(6, 0x0800, true); h.view.setUint16(8, 0, true);
      h.view.setUint16(10, time, true); h.view.setUint16(12, date, true);
      h.view.setUint32(14, crc, true); h.view.setUint32(18, data.length, true);
      h.view.setUint32(22, data.length, true); h.view.setUint16(26, name.length, true);
      h.view.setUint16(28, 0, true);
      chunks.push(h.bytes, name, data);
      var c = header(0x02014b50, 46);
      c.view.setUint16(4, 20, true); c.view.setUint16(6, 20, true); c.view.setUint16(8, 0x0800, true);
      c.view.setUint16(10, 0, true); c.view.setUint16(12, time, true); c.view.setUint16(14, date, true);
      c.view.setUint32(16, crc, true); c.view.setUint32(20, data.length, true);
      c.view.setUint32(24, data.length, true); c.view.setUint16(28, name.length, true);
      c.view.setUint32(42, offset, true);
      central.push(c.bytes, name);
      offset += 30 + name.length + data.length;
    }
    var size = 0;
    for (var j = 0; j < central.length; j++) { size += central[j].length; }
    var end = header(0x06054b50, 22);
    end.view.setUint16(8, files.length, true); end.view.setUint16(10, files.length, true);
    end.view.setUint32(12, size, true); end.view.setUint32(16, offset, true);
    var all = chunks.concat(central, [end.bytes]), total = 0;
    for (var k = 0; k < all.length; k++) { total += all[k].length; }
    var out = new Uint8Array(total), pos = 0;
    for (var m = 0; m < all.length; m++) { out.set(all[m], pos); pos += all[m].length; }
    return out;
  }

  var api = {
    build: function (rows, sheetName) { return zip(parts(rows, sheetName)); },
    crc32: function (text) { return crc32(utf8(text)); },
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.KinerjaXlsx = api; }
})(this);
