// sphinx-profile: the copy button of BibTeX blocks and the filter box of long
// publication lists. Everything else works without JavaScript, and without it a
// list is simply complete (the box stays hidden).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.sp-copy");
  if (!button) return;
  const pre = button.parentElement.querySelector("pre");
  if (!pre || !navigator.clipboard) return;
  navigator.clipboard.writeText(pre.innerText.trimEnd()).then(() => {
    const label = button.textContent;
    button.textContent = button.dataset.done || label;
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});

// Case and accents do not matter: "muller" finds "Müller".
const spFold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

// What a reader searches in an entry: what it shows above its buttons (title,
// authors, venue, year, or a pybtex style's citation) and its keywords, read and
// folded once, so a keystroke costs one substring test per entry.
function spHaystack(entry, keywords) {
  const main = entry.querySelector(".sp-entry-main");
  const parts = [keywords[entry.id] || ""];
  for (const child of main ? main.children : []) {
    if (!child.classList.contains("sp-actions")) parts.push(child.textContent);
  }
  return spFold(parts.join(" "));
}

function spSearch(box) {
  const publist = box.parentElement;
  const input = box.querySelector("input");
  const status = box.querySelector(".sp-search-status");
  const keywords = JSON.parse(box.dataset.keywords || "{}");
  let total = 0;
  const groups = [...publist.querySelectorAll(":scope > .sp-publist-items")].map((items) => {
    // each item keeps its number when others are hidden: the list's numbers made explicit
    const start = Number(items.getAttribute("start") || 1);
    const step = items.hasAttribute("reversed") ? -1 : 1;
    const entries = [...items.children].map((entry, index) => {
      if (items.tagName === "OL") entry.value = start + step * index;
      return { entry, text: spHaystack(entry, keywords), shown: true };
    });
    total += entries.length;
    const before = items.previousElementSibling;
    const heading = before && before.classList.contains("sp-publist-group") ? before : null;
    return { items, heading, entries, shown: true };
  });
  const filter = () => {
    const terms = spFold(input.value).split(/\s+/).filter(Boolean);
    let count = 0;
    for (const group of groups) {
      let any = false;
      for (const item of group.entries) {
        const match = terms.every((term) => item.text.includes(term));
        if (match !== item.shown) item.entry.hidden = !(item.shown = match);
        if (match) { any = true; count += 1; }
      }
      if (any !== group.shown) {
        group.shown = any;
        group.items.hidden = !any;
        if (group.heading) group.heading.hidden = !any;
      }
    }
    status.textContent = box.dataset.status
      .replace("{shown}", count).replace("{total}", total);
  };
  // a pause in typing, not every key, filters: long lists stay smooth as one types
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(filter, 150);
  });
  box.hidden = false;
}

document.querySelectorAll(".sp-publist > .sp-search").forEach(spSearch);
