/**
 * The 'cityLive' namespace: DoIT's live city exercise on the drill server (issue 11, P39). Its words
 * live in src/locales/{zh-TW,en}/cityLive.json; board, queue and results words are the 'city'
 * namespace's, and domain words (obligations, roles, statuses) the 'glossary' namespace's.
 */
import { registerStrings } from '@/ui/i18n';
import zh from '@/locales/zh-TW/cityLive.json';
import en from '@/locales/en/cityLive.json';

registerStrings('cityLive', { 'zh-TW': zh, en });
