#pragma once

// The XML half of the CSTA wire parser: turns one frame's XML document into a small tree
// of elements keyed by local name. Namespaces: the root must be in one of the ECMA-323
// editions (ed2, ed3, ed4, ed6) or in none; any other namespace is an error. Elements named
// `extensions` (vendor private data) are dropped with their content. DOCTYPEs are refused.

#include <string>
#include <string_view>
#include <vector>

namespace acd::tsp {

/// The namespace the suite sends (ECMA-323 edition 3).
constexpr std::string_view kCstaNamespaceEd3 =
    "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

struct XmlElement {
    std::string name; ///< local name
    std::string ns;   ///< namespace URI
    std::string text; ///< character data directly inside, whitespace-trimmed
    std::vector<XmlElement> children;

    const XmlElement *child(std::string_view localName) const;
    /// Depth-first search below this element.
    const XmlElement *find(std::string_view localName) const;
    std::string childText(std::string_view localName) const;
};

/// Limits that keep hostile input cheap.
constexpr size_t kXmlMaxDepth = 24;
constexpr size_t kXmlMaxElements = 2000;

/// Parses `xml`; on failure returns false and a message naming what was wrong.
bool parseCstaXml(std::string_view xml, XmlElement &root, std::string &error);

bool isAcceptedCstaNamespace(std::string_view ns);

/// Appends `text` with XML escaping.
void appendXmlEscaped(std::string &out, std::string_view text);

} // namespace acd::tsp
