/** UI preferences that outlive a drill: language and projector mode. Remembered in localStorage. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '@/ui/i18n';

interface UiState {
  language: Language;
  projector: boolean;
  setLanguage: (language: Language) => void;
  setProjector: (on: boolean) => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh-TW',
      projector: false,
      setLanguage: (language) => set({ language }),
      setProjector: (projector) => set({ projector }),
    }),
    { name: 'tdrill.ui', version: 1 },
  ),
);
