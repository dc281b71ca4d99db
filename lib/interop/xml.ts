import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/lib/errors";

/**
 * Reads another tool's XML (Threat Modeling Tool models and templates) defensively. A DOCTYPE
 * or entity declaration is refused before any parser sees the text: entity declarations are
 * the XXE and entity-expansion vectors, and these tools never write them (the text is refused
 * even inside a comment or CDATA section: a false alarm there costs nothing). Malformed XML and
 * nesting deeper than `maxDepth` are refused with where and why. Values stay strings.
 */
export function parseXmlSafely(
  xml: string,
  options: {
    /** What the file is, for the messages: "The template", "The file". */
    subject: string;
    maxDepth: number;
    isArray: (tagName: string) => boolean;
    /** Drop namespace prefixes, matching on local names. */
    removeNSPrefix?: boolean;
    /** Paths of elements kept as raw text, unparsed (large parts not read). */
    stopNodes?: string[];
  },
): unknown {
  const refuse = (message: string, cause?: unknown): never => {
    throw new AppError("bad_request", `${options.subject} ${message}`, { cause });
  };
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) {
    refuse("declares a DOCTYPE or entities, which are not accepted");
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    refuse(`is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: options.removeNSPrefix ?? false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: options.maxDepth,
    stopNodes: options.stopNodes ?? [],
    isArray: options.isArray,
  });
  try {
    return parser.parse(xml);
  } catch (error) {
    if (error instanceof Error && /nested/i.test(error.message)) {
      refuse(`nests elements deeper than ${options.maxDepth} levels`, error);
    }
    return refuse("could not be read as XML", error);
  }
}
