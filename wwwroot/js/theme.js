// Theme toggle. The choice is kept in localStorage and mirrored to a cookie that the server reads to
// render <html data-theme> on the next page: the right theme from the first paint, without an inline script.
// No stored choice means "follow the operating system" (CSS prefers-color-scheme).

const KEY = 'portal-theme';
const root = document.documentElement;
const systemDark = matchMedia('(prefers-color-scheme: dark)');

/** The theme in effect: the user's choice, else the OS's. */
export function currentTheme() {
  return root.dataset.theme ?? (systemDark.matches ? 'dark' : 'light');
}

/** Applies and remembers a theme ('dark' | 'light'), then announces it with portal:themechange. */
export function setTheme(theme) {
  if (theme !== 'dark' && theme !== 'light') throw new Error(`Unknown theme: ${theme}`);
  root.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage can be disabled (privacy modes); the cookie still carries the choice.
  }
  document.cookie = `${KEY}=${theme}; path=/; max-age=31536000; samesite=lax`;
  announce();
}

export function toggleTheme() {
  setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
}

function announce() {
  document.dispatchEvent(new CustomEvent('portal:themechange', { detail: { theme: currentTheme() } }));
}

function storedTheme() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

// The cookie may have expired or been cleared while localStorage kept the choice: re-apply it.
const stored = storedTheme();
if ((stored === 'dark' || stored === 'light') && root.dataset.theme !== stored) setTheme(stored);

systemDark.addEventListener('change', () => {
  if (!root.dataset.theme) announce();
});

document.addEventListener('click', event => {
  if (event.target instanceof Element && event.target.closest('[data-theme-toggle]')) toggleTheme();
});
