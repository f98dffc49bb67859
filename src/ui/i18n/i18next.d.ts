/**
 * Typed keys (issue 14 item 1): resources are typed from the zh-TW JSON (the source language), so a
 * missing or misspelt key fails the typecheck. English must have the same keys (i18n-resources.test.ts).
 */
import 'i18next';
import type city from '@/locales/zh-TW/city.json';
import type cityLive from '@/locales/zh-TW/cityLive.json';
import type common from '@/locales/zh-TW/common.json';
import type connection from '@/locales/zh-TW/connection.json';
import type consoleNs from '@/locales/zh-TW/console.json';
import type deadlineBoard from '@/locales/zh-TW/deadline-board.json';
import type desks from '@/locales/zh-TW/desks.json';
import type glossary from '@/locales/zh-TW/glossary.json';
import type msel from '@/locales/zh-TW/msel.json';
import type review from '@/locales/zh-TW/review.json';
import type serverLinks from '@/locales/zh-TW/serverLinks.json';
import type setup from '@/locales/zh-TW/setup.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    returnNull: false;
    resources: {
      city: typeof city;
      cityLive: typeof cityLive;
      common: typeof common;
      connection: typeof connection;
      console: typeof consoleNs;
      'deadline-board': typeof deadlineBoard;
      desks: typeof desks;
      glossary: typeof glossary;
      msel: typeof msel;
      review: typeof review;
      serverLinks: typeof serverLinks;
      setup: typeof setup;
    };
  }
}
