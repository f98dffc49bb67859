/**
 * The 'city' namespace: its words live in src/locales/{zh-TW,en}/city.json (zh-TW first). Domain words
 * (roles, posts, obligations, statuses, event titles, enumerated values) are in the 'glossary' namespace.
 * Registered when the feature loads, so its strings stay out of the first screen.
 */
import { registerStrings } from '@/ui/i18n';
import zh from '@/locales/zh-TW/city.json';
import en from '@/locales/en/city.json';

registerStrings('city', { 'zh-TW': zh, en });
