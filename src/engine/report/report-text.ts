/**
 * The engine's report words (src/locales/{zh-TW,en}/report.json): the after-action report, the
 * what-if appendix, the action-log CSV, the review's ticks and point citations. Domain words are the
 * glossary's (../text/glossary).
 */
import zhReport from '../../locales/zh-TW/report.json';
import enReport from '../../locales/en/report.json';
import { resourceText } from '../text/glossary';

export const reportText = resourceText({ 'zh-TW': zhReport, en: enReport });
