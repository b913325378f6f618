// A table too wide for the screen scrolls sideways inside its own box (.table-wrap), never the
// page. While a box does scroll, it can be reached with the keyboard (Tab, then the arrow keys)
// and is announced as a region named after its table: the caption, else the nearest heading.
// Boxes a template already names (aria-label) are left as the template wrote them.
(() => {
  const SUFFIX = " (scrolls sideways)";

  function nameOf(box) {
    const caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    const holder = box.closest("section, article, fieldset, main");
    const heading = holder && holder.querySelector("h1, h2, h3, h4, legend");
    return heading ? heading.textContent.trim().replace(/\s+/g, " ") : "Table";
  }

  function mark(box) {
    if (box.hasAttribute("aria-label") && !box.hasAttribute("data-scroll-region")) return;
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      box.setAttribute("data-scroll-region", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", nameOf(box) + SUFFIX);
    } else if (box.hasAttribute("data-scroll-region")) {
      for (const attr of ["data-scroll-region", "tabindex", "role", "aria-label"]) box.removeAttribute(attr);
    }
  }

  const boxes = document.querySelectorAll(".table-wrap");
  if (!boxes.length) return;
  const watch = new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)));
  boxes.forEach((box) => {
    mark(box);
    watch.observe(box);
  });
})();
