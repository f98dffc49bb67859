/**
 * The 'deadline-board' namespace: its words live in src/locales/{zh-TW,en}/deadline-board.json (zh-TW first). Domain words
 * (roles, posts, obligations, statuses, event titles, enumerated values) are in the 'glossary' namespace.
 * Registered when the feature loads, so its strings stay out of the first screen.
 */
import { registerStrings } from '@/ui/i18n';
import zh from '@/locales/zh-TW/deadline-board.json';
import en from '@/locales/en/deadline-board.json';

registerStrings('deadline-board', { 'zh-TW': zh, en });
