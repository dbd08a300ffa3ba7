// cem analyze: Lit-aware, and internal reactive state (`state: true`) is not a public attribute.
export default {
  litelement: true,
  plugins: [
    {
      name: 'drop-internal-state',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.attributes) continue;
            const publicFields = new Set(
              (declaration.members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected').map((m) => m.name),
            );
            declaration.attributes = declaration.attributes.filter((a) => publicFields.has(a.fieldName ?? a.name));
            for (const member of declaration.members ?? []) if (!publicFields.has(member.name)) delete member.attribute;
          }
        }
      },
    },
  ],
};
