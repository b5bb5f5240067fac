// On a phone the filters fold away behind their summary so the cases come first; without
// JavaScript, or on a wide screen, they simply stay open.
const facets = document.querySelector("[data-facets]");
if (facets && window.matchMedia("(max-width: 48rem)").matches) {
    facets.open = false;
}
