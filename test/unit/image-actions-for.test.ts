/**
 * Which actions apply to an image, by owner and state: every state AWS reports, with and without
 * a deprecation time, with protection known (the detail) or not (a list row), one image or several.
 */
import { describe, expect, it } from 'vitest';
import { actionsForSelection, deprecateLabel, imageActionsFor, selectionWhyNot, whyNot, type ImageFacts } from '../../renderer/lib/imageActionsFor';

const owned = (state: string, over: Partial<ImageFacts> = {}): ImageFacts => ({ owned: true, state, deprecationTime: null, ...over });
const theirs = (state: string, over: Partial<ImageFacts> = {}): ImageFacts => ({ owned: false, state, deprecationTime: null, ...over });
const SET = '2027-03-31T23:59:00.000Z';

describe('an owned image, by state', () => {
  it('available: everything but Enable and Cancel deprecation; protection both ways while unknown', () => {
    expect(imageActionsFor(owned('available'))).toEqual(['share', 'copy', 'edit-tags', 'deprecate', 'protect', 'unprotect', 'disable', 'deregister']);
    expect(whyNot('enable', owned('available'))).toBe('It is not disabled.');
    expect(whyNot('undeprecate', owned('available'))).toBe('It has no deprecation time.');
  });

  it('available with a deprecation time (scheduled or in effect): Cancel deprecation too, and Deprecate reads "Change deprecation…"', () => {
    const facts = owned('available', { deprecationTime: SET });
    expect(imageActionsFor(facts)).toEqual(['share', 'copy', 'edit-tags', 'deprecate', 'undeprecate', 'protect', 'unprotect', 'disable', 'deregister']);
    expect(deprecateLabel([facts])).toBe('Change deprecation…');
    expect(deprecateLabel([owned('available')])).toBe('Deprecate…');
    expect(imageActionsFor(owned('available', { deprecationTime: '2020-01-01T00:00:00.000Z' }))).toContain('undeprecate');
  });

  it('disabled: Enable, not Disable; not shared or copied; tags, deprecation, protection and deregister stay', () => {
    expect(imageActionsFor(owned('disabled'))).toEqual(['edit-tags', 'deprecate', 'protect', 'unprotect', 'enable', 'deregister']);
    expect(whyNot('disable', owned('disabled'))).toBe('It is already disabled.');
    expect(whyNot('share', owned('disabled'))).toBe('Only an available image can be shared; this one is disabled.');
    expect(whyNot('copy', owned('disabled'))).toBe('Only an available image can be copied; this one is disabled.');
  });

  it('pending (a copy or create under way): tags and deregister (which cancels it) only', () => {
    expect(imageActionsFor(owned('pending'))).toEqual(['edit-tags', 'deregister']);
    expect(imageActionsFor(owned('transient'))).toEqual(['edit-tags', 'deregister']);
    expect(whyNot('deprecate', owned('pending'))).toBe('It is still being created.');
    expect(whyNot('disable', owned('pending'))).toBe('Only an available image can be disabled; this one is still being created.');
  });

  it('failed or error: tags and deregister only', () => {
    for (const state of ['failed', 'error', 'invalid']) expect(imageActionsFor(owned(state, { deprecationTime: SET }))).toEqual(['edit-tags', 'deregister']);
    expect(whyNot('copy', owned('failed'))).toBe('Only an available image can be copied; this one is failed.');
  });

  it('deregistered: nothing at all', () => {
    expect(imageActionsFor(owned('deregistered', { deprecationTime: SET }))).toEqual([]);
    expect(whyNot('deregister', owned('deregistered'))).toBe('It is deregistered.');
  });

  it('protection, once known, decides between on and off', () => {
    expect(imageActionsFor(owned('available', { protection: 'enabled' }))).not.toContain('protect');
    expect(imageActionsFor(owned('available', { protection: 'enabled' }))).toContain('unprotect');
    expect(imageActionsFor(owned('available', { protection: 'enabled-with-cooldown' }))).toContain('unprotect');
    expect(imageActionsFor(owned('available', { protection: 'disabled' }))).toContain('protect');
    expect(whyNot('unprotect', owned('available', { protection: 'disabled' }))).toBe('Deregistration protection is already off.');
    expect(whyNot('unprotect', owned('available', { protection: null }))).toBe('Deregistration protection is already off.');
    // Off, but the cooldown still runs: turning it off again does nothing; turning it on is allowed.
    const cooling = owned('available', { protection: 'disabled-until-2026-12-05T10:00:00Z' });
    expect(imageActionsFor(cooling)).toContain('protect');
    expect(imageActionsFor(cooling)).not.toContain('unprotect');
    // A protected image still offers Deregister: the sheet says AWS will refuse, and why.
    expect(imageActionsFor(owned('available', { protection: 'enabled' }))).toContain('deregister');
  });
});

describe('an image of another account (shared with me, public, Marketplace)', () => {
  it('only copy, and only while available; every write names the owner', () => {
    expect(imageActionsFor(theirs('available', { deprecationTime: SET }))).toEqual(['copy']);
    for (const state of ['disabled', 'pending', 'failed', 'deregistered']) expect(imageActionsFor(theirs(state))).toEqual([]);
    expect(whyNot('deregister', theirs('available'))).toBe('Only the account that owns it can deregister it.');
    expect(whyNot('edit-tags', theirs('available'))).toBe('Only the account that owns it can tag it.');
    expect(whyNot('undeprecate', theirs('available', { deprecationTime: SET }))).toBe('Only the account that owns it can cancel the deprecation of it.');
  });
});

describe('several picked images', () => {
  it('offers an action that applies to at least one; labels Change deprecation only when all it acts on have a time', () => {
    const mixed = [owned('available'), owned('disabled', { deprecationTime: SET })];
    expect(actionsForSelection(mixed)).toEqual(['share', 'copy', 'edit-tags', 'deprecate', 'undeprecate', 'protect', 'unprotect', 'enable', 'disable', 'deregister']);
    expect(deprecateLabel(mixed)).toBe('Deprecate…');
    expect(deprecateLabel([owned('available', { deprecationTime: SET }), owned('failed')])).toBe('Change deprecation…');
  });

  it('says why when an action applies to none of them', () => {
    expect(selectionWhyNot('enable', [owned('available'), owned('available')])).toBe('It applies to none of the 2 selected: it is not disabled.');
    expect(selectionWhyNot('deregister', [theirs('available')])).toBe('Only the account that owns it can deregister it.');
    expect(selectionWhyNot('copy', [])).toBe('Nothing is selected.');
  });
});
