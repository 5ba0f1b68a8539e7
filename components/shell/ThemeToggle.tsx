'use client';

import { useLayoutEffect } from 'react';
import { applyTheme, effectiveTheme, readStoredTheme } from './theme';

/**
 * Both icons are rendered and CSS shows the one for the current theme, so
 * the server render never has to guess the user's theme.
 */
export function ThemeToggle() {
  // React's development remount resets <html> attributes; re-apply the stored choice.
  useLayoutEffect(() => {
    const stored = readStoredTheme();
    if (stored) document.documentElement.setAttribute('data-theme', stored);
  }, []);

  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      onClick={() => applyTheme(effectiveTheme() === 'dark' ? 'light' : 'dark')}
      title="Switch between light and dark theme"
    >
      <span className="theme-icon-to-dark" aria-hidden="true">
        ☾
      </span>
      <span className="theme-icon-to-light" aria-hidden="true">
        ☀
      </span>
      <span className="sr-only">Toggle dark theme</span>
    </button>
  );
}
