import config from '../../../../ngsw-config.json';

/**
 * The service worker may cache the app shell and nothing else: no data group (the only way ngsw
 * caches HTTP answers), no asset group reaching /api, and /api never served as a navigation.
 */
describe('service worker configuration', () => {
  it('has no data groups, so no API answer or clinical data is ever cached', () => {
    expect((config as Record<string, unknown>)['dataGroups']).toBeUndefined();
  });

  it('caches only the app shell and icons, never anything under /api', () => {
    const files = config.assetGroups.flatMap((g) => g.resources.files);
    expect(files.some((f) => f.startsWith('/api'))).toBe(false);
    expect(config.assetGroups.map((g) => g.name)).toEqual(['app-shell', 'icons']);
    expect(config.navigationUrls).toContain('!/api/**');
  });

});
