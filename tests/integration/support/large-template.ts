import fs from "node:fs";

/**
 * A Microsoft TMT template of about `targetBytes`: the project's copy of the core template with
 * its threat types repeated under new ids, so that it parses into many (valid) rules.
 */
export function buildLargeTemplate(targetBytes: number): Buffer {
  const template = fs.readFileSync("tests/fixtures/ms-tmt/default.tb7", "utf8");
  const start = template.indexOf("<ThreatType>");
  const end = template.lastIndexOf("</ThreatType>") + "</ThreatType>".length;
  const types = template.slice(start, end);
  const copies: string[] = [];
  let size = template.length;
  for (let copy = 1; size < targetBytes; copy++) {
    const renamed = types.replace(/<Id>([^<]+)<\/Id>/g, `<Id>$1-copy${copy}</Id>`);
    copies.push(renamed);
    size += renamed.length;
  }
  return Buffer.from(template.slice(0, end) + copies.join("") + template.slice(end));
}
