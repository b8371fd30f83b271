// Copy buttons: <button data-copy="text">, handled by one document listener, so buttons rendered later (an in-app
// navigation, a re-render) work without being found first. The label briefly says "Copied"; without the clipboard API
// (plain http on another host) the text goes through a hidden field and the copy command.

document.addEventListener('click', async event => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const text = button.dataset.copy ?? '';
  try {
    await navigator.clipboard.writeText(text);
    flash(button, 'Copied');
  } catch {
    const field = document.createElement('textarea');
    field.value = text;
    field.className = 'visually-hidden';
    document.body.append(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    flash(button, copied ? 'Copied' : 'Copy failed');
  }
});

function flash(button, message) {
  button.setAttribute('aria-label', message);
  button.dataset.tooltip = message;
  setTimeout(() => { delete button.dataset.tooltip; button.removeAttribute('aria-label'); }, 1500);
}
