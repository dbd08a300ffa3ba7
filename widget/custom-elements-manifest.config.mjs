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

export default {
  litelement: true,
  plugins: [dropInternalState],
};
