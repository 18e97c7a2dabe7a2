/**
 * The demo world's public catalogue tells the truth about each product: the seller named in the
 * description is the one the product's name implies, the OS AWS reports (PlatformDetails) is the
 * one the name says, and a name that says x86_64 is an x86_64 image. A SUSE product billed as
 * Red Hat, or sold by the wrong vendor, fails here.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../emulator';
import { MARKETPLACE_PRODUCTS } from '../../emulator/world/catalogue';
import type { ImageRecord } from '../../emulator/world/model';

/** Words in a product's name → the seller its description must name. */
const VENDORS: ReadonlyArray<[RegExp, string]> = [
  [/^bitnami-/i, 'Bitnami'],
  [/^CIS /, 'Center for Internet Security'],
  [/FortiGate/i, 'Fortinet'],
  [/NGINX Plus/i, 'F5'],
  [/OpenVPN/i, 'OpenVPN'],
  [/Veeam/i, 'Veeam'],
  [/Tableau/i, 'Salesforce'],
  [/SUSE|SLES/i, 'SUSE'],
  [/RHEL|Red Hat/i, 'Red Hat'],
];

/** Words in a name → the PlatformDetails AWS reports for it (first match wins: SUSE Linux before Linux). */
const PLATFORMS: ReadonlyArray<[RegExp, RegExp]> = [
  [/SUSE|SLES/i, /^SUSE Linux$/],
  [/RHEL|Red Hat/i, /^Red Hat Enterprise Linux/],
  [/SQL/i, /^Windows with SQL Server/],
  [/Windows/i, /^Windows$/],
  [/Ubuntu|Debian|debian-|Linux|al2023|amzn/i, /^Linux\/UNIX$/],
];

function catalogue(region = 'eu-west-1'): ImageRecord[] {
  return createWorld()
    .imagesIn(region)
    .filter((i) => i.ownerAlias !== null);
}

describe('the public catalogue of the demo world', () => {
  const images = catalogue();
  const marketplace = images.filter((i) => i.productCodes.some((c) => c.productCodeType === 'marketplace'));

  it('lists every Marketplace product', () => {
    for (const product of MARKETPLACE_PRODUCTS) expect(marketplace.some((i) => i.name.startsWith(product.name)), product.name).toBe(true);
  });

  it('names each Marketplace product’s own seller, and no other', () => {
    for (const image of marketplace) {
      const expected = VENDORS.find(([word]) => word.test(image.name))?.[1];
      expect(expected, `a seller for ${image.name} in this test's table`).toBeDefined();
      expect(image.description, image.name).toContain(`by ${expected}`);
      for (const [, other] of VENDORS) if (other !== expected) expect(image.description, image.name).not.toContain(other);
    }
  });

  it('reports the OS each name says, for every catalogue image that names one', () => {
    let checked = 0;
    for (const image of images) {
      const rule = PLATFORMS.find(([word]) => word.test(`${image.name} ${image.description ?? ''}`));
      if (!rule) continue;
      checked++;
      expect(image.platformDetails, `${image.name}`).toMatch(rule[1]);
    }
    expect(checked).toBeGreaterThan(marketplace.length);
  });

  it('is x86_64 where the name says so', () => {
    for (const image of images.filter((i) => /x86_64|amd64|VM64(?!ARM)/.test(i.name))) expect(image.architecture, image.name).toBe('x86_64');
  });
});
