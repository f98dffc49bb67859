/**
 * The rules' own sentences (src/locales/{zh-TW,en}/rules.json): the level wizard's reasons. Domain
 * words are the glossary's (../text/glossary).
 */
import zhRules from '../../locales/zh-TW/rules.json';
import enRules from '../../locales/en/rules.json';
import { resourceText } from '../text/glossary';

export const rulesText = resourceText({ 'zh-TW': zhRules, en: enRules });
