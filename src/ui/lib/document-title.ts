/**
 * A page's tab title: with ten windows open the tabs must say which drill and which desk each is
 * (issue 12). The app sets its own name first on every route; the page then names itself.
 */
import { useEffect } from 'react';

export function useDocumentTitle(parts: readonly (string | null | undefined)[]): void {
  const title = parts.filter((p): p is string => !!p && p.trim() !== '').join(' · ');
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
