/**
 * UI preferences: language and projector mode. Remembered for each window (sessionStorage), so the
 * projector's window stays in projector mode and English while a desk beside it is in zh-TW, across
 * reloads. A new window starts from the last choice made in any window (localStorage).
 */
import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { Language } from '@/ui/i18n';

interface UiState {
  language: Language;
  projector: boolean;
  setLanguage: (language: Language) => void;
  setProjector: (on: boolean) => void;
}

/** This window's own copy first; the last choice of any window as the starting point. */
export const perWindowStorage: StateStorage = {
  getItem: (name) => {
    try {
      return sessionStorage.getItem(name) ?? localStorage.getItem(name);
    } catch {
      return null;
    }
  },
  setItem: (name, value) => {
    try {
      sessionStorage.setItem(name, value);
      localStorage.setItem(name, value);
    } catch {
      // Storage refused (private mode): the choice lasts as long as the page.
    }
  },
  removeItem: (name) => {
    try {
      sessionStorage.removeItem(name);
    } catch {
      // nothing stored
    }
  },
};

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh-TW',
      projector: false,
      setLanguage: (language) => set({ language }),
      setProjector: (projector) => set({ projector }),
    }),
    { name: 'tdrill.ui', version: 1, storage: createJSONStorage(() => perWindowStorage) },
  ),
);
