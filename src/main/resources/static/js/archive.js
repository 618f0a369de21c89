// Archive: the reason form asks for details as soon as "Other" is chosen (the server checks it anyway).
document.addEventListener("change", (event) => {
  const radio = event.target;
  if (!radio.matches || !radio.matches(".archive-reason input[name=reason]")) {
    return;
  }
  const note = radio.form.querySelector("textarea[name=note]");
  note.required = radio.value === "OTHER";
  if (note.required) {
    note.focus();
  }
});
