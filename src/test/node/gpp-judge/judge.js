"use strict";
// Judges GPP strings with the IAB's own library, @iabgpp/cmpapi. For each string, one JSON line:
// the section ids its header lists, each section's fields as the library decodes them, and
// "canonical", the string the library itself makes of those fields. The library's decoder is lenient
// (it reads past wrong padding and out-of-range values), so a string is right only when it equals
// its canonical form. A string the library cannot read gives {"string", "error"}.
// Strings come as arguments, or one a line on stdin.
const { GppModel, Sections } = require("@iabgpp/cmpapi");

// Whether a section's optional subsection is there is read from the string, as its fields are: the GPC
// subsection, and the sensitive-data consents of usin, usky and usri.
const OPTIONAL_SUBSECTIONS = ["GpcSegmentIncluded", "SensitiveDataConsentSegmentIncluded"];

// The flag, or null for a section without that subsection. The library's hasField does not see these
// flags (they are no segment's field names), but getFieldValue reads them.
function included(model, name, flag) {
  try {
    return model.getFieldValue(name, flag);
  } catch (e) {
    return null;
  }
}

function canonical(sections, model) {
  const fresh = new GppModel();
  for (const [name, fields] of Object.entries(sections)) {
    for (const [field, value] of Object.entries(fields)) {
      fresh.setFieldValue(name, field, value);
    }
    for (const flag of OPTIONAL_SUBSECTIONS) {
      const present = included(model, name, flag);
      if (present !== null) {
        fresh.setFieldValue(name, flag, present);
      }
    }
  }
  return fresh.encode();
}

function judge(string) {
  try {
    const model = new GppModel(string);
    const sectionIds = model.getSectionIds();
    const sections = {};
    for (const id of sectionIds) {
      const name = Sections.SECTION_ID_NAME_MAP.get(id);
      sections[name] = model.getSection(name);
    }
    let made;
    try {
      made = { canonical: canonical(sections, model) };
    } catch (e) {
      made = { canonicalError: e.message };
    }
    return { string, sectionIds, sections, ...made };
  } catch (e) {
    return { string, error: e.message };
  }
}

module.exports = { judge };

if (require.main === module) {
  const print = (s) => process.stdout.write(JSON.stringify(judge(s)) + "\n");
  if (process.argv.length > 2) {
    process.argv.slice(2).forEach(print);
  } else {
    require("readline").createInterface({ input: process.stdin })
      .on("line", (line) => line.trim() && print(line.trim()));
  }
}
