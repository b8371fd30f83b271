// Copy buttons: <button data-copy="text">. The label briefly says "Copied" (set as text); without the clipboard API
// (plain http on another host) the text is selected in a prompt-free way: a hidden field the user can copy from.
import { onReady } from './dom.js';

function mountCopy(button) {
  if (button.dataset.copyReady) return;
  button.dataset.copyReady = 'true';
  button.addEventListener('click', async () => {
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
}

function flash(button, message) {
  button.setAttribute('aria-label', message);
  button.dataset.tooltip = message;
  setTimeout(() => { delete button.dataset.tooltip; button.removeAttribute('aria-label'); }, 1500);
}

onReady(() => document.querySelectorAll('[data-copy]').forEach(mountCopy));
