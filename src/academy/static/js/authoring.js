// academy.authoring: in the question editor, show the options for single/multiple items and the
// hotspot fields for hotspot items. Without JavaScript both are shown (and the server checks).
const kind = document.getElementById("id_kind");
const options = document.getElementById("authoring-options");
const hotspot = document.getElementById("authoring-hotspot");

function sync() {
  const isHotspot = kind.value === "hotspot";
  options.hidden = isHotspot;
  hotspot.hidden = !isHotspot;
}

if (kind && options && hotspot) {
  kind.addEventListener("change", sync);
  sync();
}
