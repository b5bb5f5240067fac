// The main menu folds away behind a "Menu" button on narrow screens. Without this script the
// menu simply stays open, so every link is reachable either way.
const PHONE = window.matchMedia("(max-width: 40rem)");

for (const nav of document.querySelectorAll("[data-menu]")) {
    const toggle = nav.querySelector("[data-menu-toggle]");
    if (!toggle) continue;
    nav.classList.add("main-nav--js");
    toggle.hidden = false;
    const setOpen = (open) => {
        toggle.setAttribute("aria-expanded", String(open));
        nav.classList.toggle("main-nav--open", open);
    };
    setOpen(false);
    toggle.addEventListener("click", () => {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes an open menu on a phone and gives focus back to its button.
    nav.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && PHONE.matches && nav.classList.contains("main-nav--open")) {
            setOpen(false);
            toggle.focus();
        }
    });
}
