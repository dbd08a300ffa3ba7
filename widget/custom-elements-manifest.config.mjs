// @ts-check
// cem analyze: Lit-aware, and internal reactive state (`state: true`) is not a public attribute.

/** @type {import('@custom-elements-manifest/analyzer').Plugin} */
const dropInternalState = {
  name: 'drop-internal-state',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (!('attributes' in declaration) || !declaration.attributes) continue;
        const members = declaration.members ?? [];
        const publicFields = new Set(
          members.filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected').map((m) => m.name),
        );
        declaration.attributes = declaration.attributes.filter((a) => publicFields.has(a.fieldName ?? a.name));
        for (const member of members) if (!publicFields.has(member.name) && 'attribute' in member) delete member.attribute;
      }
    }
  },
};

/** The tags a page uses; every other element is a view inside them. */
const publicTags = new Set(['citizen-counter', 'counter-desk']);

/**
 * Only the public elements, each defined under its tag: the internal views (`cc-*-view`, `cd-*`)
 * are left out, and the definitions the `define()` helper hides from the analyzer are written out.
 * @type {import('@custom-elements-manifest/analyzer').Plugin}
 */
const publicElementsOnly = {
  name: 'public-elements-only',
  packageLinkPhase({ customElementsManifest }) {
    customElementsManifest.modules = customElementsManifest.modules.filter((mod) =>
      (mod.declarations ?? []).some((declaration) => 'tagName' in declaration && publicTags.has(declaration.tagName ?? '')),
    );
    for (const mod of customElementsManifest.modules) {
      mod.declarations = (mod.declarations ?? []).filter((declaration) => !('customElement' in declaration) || publicTags.has(declaration.tagName ?? ''));
      /** @type {NonNullable<typeof mod.exports>} */
      const exports = (mod.exports ?? []).filter((entry) => entry.kind !== 'custom-element-definition');
      for (const declaration of mod.declarations) {
        if ('tagName' in declaration && declaration.tagName) {
          exports.push({ kind: 'custom-element-definition', name: declaration.tagName, declaration: { name: declaration.name, module: mod.path } });
        }
      }
      mod.exports = exports;
    }
  },
};

export default {
  litelement: true,
  // package.json already names custom-elements.json; a run with another --outdir (the manifest's
  // test) must not rewrite it.
  packagejson: false,
  plugins: [dropInternalState, publicElementsOnly],
};
