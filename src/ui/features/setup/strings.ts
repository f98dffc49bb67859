/**
 * The 'setup' namespace: its words live in src/locales/{zh-TW,en}/setup.json (zh-TW first). Domain words
 * (roles, posts, obligations, statuses, event titles, enumerated values) are in the 'glossary' namespace.
 * Registered when the feature loads, so its strings stay out of the first screen.
 */
import { registerStrings } from '@/ui/i18n';
import zh from '@/locales/zh-TW/setup.json';
import en from '@/locales/en/setup.json';

registerStrings('setup', { 'zh-TW': zh, en });
