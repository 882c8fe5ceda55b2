// sphinx-profile: the copy button of BibTeX blocks. Everything else works without JavaScript.
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
