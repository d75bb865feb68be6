/* theme.js: runs in <head> before first paint: marks <html> as .js and applies the remembered theme (cramdown:<site>:theme). */
(function () {
  var d = document.documentElement;
  d.classList.add("js");
  try {
    var t = localStorage.getItem("cramdown:" + (d.getAttribute("data-site") || "") + ":theme");
    if (t === "light" || t === "dark") d.setAttribute("data-theme", t);
  } catch (e) { /* storage blocked: follow the system */ }
})();
