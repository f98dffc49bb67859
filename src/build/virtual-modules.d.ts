declare module 'virtual:scenario-index' {
  const index: readonly import('./scenario-index').ScenarioIndexEntry[];
  export default index;
}
