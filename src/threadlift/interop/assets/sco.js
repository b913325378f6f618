/* Threadlift Academy SCORM 1.2 SCO script (written for these packages).
   Finds the LMS's run-time API in a parent window, reports a lesson as completed when it is
   opened, and scores the quiz: single answer 1 or 0; several answers
   max(0, (right chosen - wrong chosen) / right options); the percent against the pass mark. */
(function () {
  "use strict";

  function findApi(win) {
    for (var hops = 0; win && hops < 12; hops += 1) {
      if (win.API) { return win.API; }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  var started = false;

  function call(name, a, b) {
    if (!api || typeof api[name] !== "function") { return ""; }
    return b === undefined ? api[name](a) : api[name](a, b);
  }

  function start() {
    if (!started) { call("LMSInitialize", ""); started = true; }
  }

  function set(key, value) { call("LMSSetValue", key, String(value)); }

  function finish() {
    if (started) { call("LMSCommit", ""); call("LMSFinish", ""); started = false; }
  }

  function chosen(form, id) {
    var out = [];
    var inputs = form.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i += 1) {
      if (inputs[i].name === id && inputs[i].checked) { out.push(inputs[i].value); }
    }
    return out;
  }

  // Plane geometry for hotspot items: polygons are lists of rings (outer, then holes) of [x, y].
  function inRing(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside;
  }

  function toSegment(x, y, a, b) {
    var dx = b[0] - a[0], dy = b[1] - a[1];
    var len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len)) : 0;
    return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
  }

  function distance(polygon, x, y) {
    var inside = inRing(polygon[0], x, y);
    for (var h = 1; h < polygon.length; h += 1) { if (inRing(polygon[h], x, y)) { inside = false; } }
    if (inside) { return 0; }
    var best = Infinity;
    polygon.forEach(function (ring) {
      for (var i = 1; i < ring.length; i += 1) { best = Math.min(best, toSegment(x, y, ring[i - 1], ring[i])); }
    });
    return best;
  }

  function hotspotScore(item, form) {
    var x = parseFloat((form.elements[item.id + ".x"] || {}).value);
    var y = parseFloat((form.elements[item.id + ".y"] || {}).value);
    if (!isFinite(x) || !isFinite(y)) { return 0; }
    var edge = 1e-9;
    for (var z = 0; z < item.avoid.length; z += 1) {
      if (distance(item.avoid[z], x, y) <= edge) { return 0; }  // on a zone's edge is in it
    }
    for (var t = 0; t < item.targets.length; t += 1) {
      if (distance(item.targets[t], x, y) <= item.tolerance + edge) { return 1; }
    }
    return 0;
  }

  function hotspotClicks(form) {
    var svgs = form.querySelectorAll("svg.hotspot-face");
    Array.prototype.forEach.call(svgs, function (svg) {
      var box = svg.parentNode;
      var inputs = box.querySelectorAll("input");
      var marker = null;
      svg.addEventListener("click", function (event) {
        var point = svg.createSVGPoint();
        point.x = event.clientX;
        point.y = event.clientY;
        var mm = point.matrixTransform(svg.getScreenCTM().inverse());
        inputs[0].value = mm.x.toFixed(1);
        inputs[1].value = mm.y.toFixed(1);
        if (!marker) {
          marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
          marker.setAttribute("r", "1.5");
          marker.setAttribute("fill", "#c0392b");
          svg.appendChild(marker);
        }
        marker.setAttribute("cx", mm.x.toFixed(1));
        marker.setAttribute("cy", mm.y.toFixed(1));
      });
    });
  }

  function itemScore(item, picked) {
    var right = 0, wrong = 0;
    for (var i = 0; i < picked.length; i += 1) {
      if (item.correct.indexOf(picked[i]) >= 0) { right += 1; } else { wrong += 1; }
    }
    if (item.kind === "single") { return picked.length === 1 && right === 1 ? 1 : 0; }
    return Math.max(0, (right - wrong) / item.correct.length);
  }

  function quiz() {
    var form = document.getElementById("quiz");
    var data = JSON.parse(document.getElementById("quiz-data").textContent);
    hotspotClicks(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var total = 0;
      data.items.forEach(function (item) {
        var score = item.kind === "hotspot" ? hotspotScore(item, form) : itemScore(item, chosen(form, item.id));
        total += score;
        var box = form.querySelector('[data-item="' + item.id + '"] .feedback');
        box.hidden = false;
        box.querySelector(".verdict").textContent =
          score === 1 ? "Right." : (score > 0 ? "Partly right." : "Not right.");
      });
      var fraction = data.items.length ? total / data.items.length : 0;
      var percent = Math.round(fraction * 100);
      var passed = data.items.length > 0 && fraction + 1e-9 >= data.passMark;
      var status = passed ? data.passed : data.failed;
      start();
      set("cmi.core.score.min", data.min);
      set("cmi.core.score.max", data.max);
      set("cmi.core.score.raw", percent);
      set("cmi.core.lesson_status", status);
      call("LMSCommit", "");
      var result = document.getElementById("result");
      result.textContent = "Your score: " + percent + "%. The pass mark is " +
        Math.round(data.passMark * 100) + "%: " + (passed ? "passed." : "not passed.") +
        (api ? "" : " No learning system was found, so nothing was recorded.");
      result.setAttribute("data-status", status);
      form.querySelector("button[type=submit]").disabled = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var kind = document.body.getAttribute("data-sco");
    if (kind === "lesson") {
      start();
      set("cmi.core.lesson_status", document.body.getAttribute("data-done") || "completed");
      call("LMSCommit", "");
    } else if (kind === "quiz") {
      start();
      quiz();
    }
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
}());
