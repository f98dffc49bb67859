/**
 * The 'review' namespace: its words live in src/locales/{zh-TW,en}/review.json (zh-TW first). Domain words
 * (roles, posts, obligations, statuses, event titles, enumerated values) are in the 'glossary' namespace.
 * Registered when the feature loads, so its strings stay out of the first screen.
 */
import { registerStrings } from '@/ui/i18n';
import zh from '@/locales/zh-TW/review.json';
import en from '@/locales/en/review.json';

registerStrings('review', { 'zh-TW': zh, en });
