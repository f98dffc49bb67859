/**
 * The city exercise's words (src/locales/{zh-TW,en}/city-report.json): the board's cell reasons and
 * the city report. Domain words are the glossary's (../text/glossary).
 */
import zhCity from '../../locales/zh-TW/city-report.json';
import enCity from '../../locales/en/city-report.json';
import { resourceText } from '../text/glossary';

export const cityText = resourceText({ 'zh-TW': zhCity, en: enCity });

/** The city report's own words (city-report.json `report`). */
export const cityReportText = resourceText({ 'zh-TW': zhCity.report, en: enCity.report });
