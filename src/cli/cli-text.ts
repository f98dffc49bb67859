/**
 * The command-line tools' words (src/locales/{zh-TW,en}/cli.json). Plain Node code: read through the
 * engine's lookup, no i18next.
 */
import { resourceText } from '../engine/text/glossary';
import zhCli from '../locales/zh-TW/cli.json';
import enCli from '../locales/en/cli.json';

export const cliText = resourceText({ 'zh-TW': zhCli, en: enCli });
export type CliKey = Parameters<typeof cliText>[1];

/** A line in both languages, zh-TW first: "中文 / English". */
export const cliLine = (key: CliKey): string => `${cliText('zh-TW', key)} / ${cliText('en', key)}`;
