#include "acd/tsp/csta_xml.h"

#include <expat.h>

#include <array>
#include <limits>

namespace acd::tsp {
namespace {

constexpr std::array<std::string_view, 4> kAcceptedNamespaces{
    "http://www.ecma.ch/standards/ecma-323/csta/ed2",
    "http://www.ecma-international.org/standards/ecma-323/csta/ed3",
    "http://www.ecma-international.org/standards/ecma-323/csta/ed4",
    "http://www.ecma-international.org/standards/ecma-323/csta/ed6",
};

/// Between a namespace URI and a local name in expat's element names (no URI or XML name
/// holds a tab).
constexpr XML_Char kNamespaceSeparator = '\t';

std::string trim(const std::string &s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos)
        return {};
    size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

/// Builds the element tree from expat's callbacks.
struct TreeBuilder {
    XML_Parser parser;
    XmlElement &root;
    // Children vectors only grow at the back of the innermost open element, so pointers to
    // the open elements stay valid.
    std::vector<XmlElement *> stack;
    size_t skipDepth = 0;
    size_t count = 0;
    std::string error; ///< set when a limit stopped the parse

    void stop(std::string why)
    {
        error = std::move(why);
        XML_StopParser(parser, XML_FALSE);
    }

    static void XMLCALL start(void *data, const XML_Char *qualified, const XML_Char **)
    {
        auto &b = *static_cast<TreeBuilder *>(data);
        if (b.skipDepth > 0) {
            ++b.skipDepth;
            return;
        }
        if (++b.count > kXmlMaxElements)
            return b.stop("more than " + std::to_string(kXmlMaxElements) + " elements");
        if (b.stack.size() >= kXmlMaxDepth)
            return b.stop("elements nested deeper than " + std::to_string(kXmlMaxDepth));
        const std::string_view name(qualified);
        const size_t separator = name.find(kNamespaceSeparator);
        const std::string_view local =
            separator == std::string_view::npos ? name : name.substr(separator + 1);
        if (local == "extensions" && !b.stack.empty()) {
            b.skipDepth = 1;
            return;
        }
        XmlElement *element = nullptr;
        if (b.stack.empty()) {
            element = &b.root;
        } else {
            b.stack.back()->children.emplace_back();
            element = &b.stack.back()->children.back();
        }
        element->name = local;
        if (separator != std::string_view::npos)
            element->ns = name.substr(0, separator);
        b.stack.push_back(element);
    }

    static void XMLCALL end(void *data, const XML_Char *)
    {
        auto &b = *static_cast<TreeBuilder *>(data);
        if (b.skipDepth > 0) {
            --b.skipDepth;
            return;
        }
        if (!b.stack.empty()) {
            b.stack.back()->text = trim(b.stack.back()->text);
            b.stack.pop_back();
        }
    }

    static void XMLCALL characters(void *data, const XML_Char *text, int length)
    {
        auto &b = *static_cast<TreeBuilder *>(data);
        if (b.skipDepth == 0 && !b.stack.empty())
            b.stack.back()->text.append(text, static_cast<size_t>(length));
    }
};

/// One expat parser per thread, reset for every document: creating and freeing a parser per
/// frame was a fifth of the provider's link thread at 500 calls/s.
class ThreadParser {
public:
    ThreadParser()
        : m_parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator))
    {}
    ~ThreadParser()
    {
        if (m_parser)
            XML_ParserFree(m_parser);
    }
    ThreadParser(const ThreadParser &) = delete;
    ThreadParser &operator=(const ThreadParser &) = delete;

    /// The parser, reset for a new document (handlers cleared); null when out of memory.
    XML_Parser fresh()
    {
        if (m_parser && !XML_ParserReset(m_parser, nullptr)) {
            XML_ParserFree(m_parser);
            m_parser = XML_ParserCreateNS(nullptr, kNamespaceSeparator);
        }
        return m_parser;
    }

private:
    XML_Parser m_parser;
};

} // namespace

const XmlElement *XmlElement::child(std::string_view localName) const {
    for (const auto &c : children) {
        if (c.name == localName)
            return &c;
    }
    return nullptr;
}

const XmlElement *XmlElement::find(std::string_view localName) const {
    for (const auto &c : children) {
        if (c.name == localName)
            return &c;
        if (const XmlElement *found = c.find(localName))
            return found;
    }
    return nullptr;
}

std::string XmlElement::childText(std::string_view localName) const {
    const XmlElement *c = child(localName);
    return c ? c->text : std::string();
}

bool isAcceptedCstaNamespace(std::string_view ns) {
    if (ns.empty())
        return true;
    for (auto accepted : kAcceptedNamespaces) {
        if (ns == accepted)
            return true;
    }
    return false;
}

bool parseCstaXml(std::string_view xml, XmlElement &root, std::string &error) {
    root = XmlElement{};
    if (xml.find("<!DOCTYPE") != std::string_view::npos) {
        error = "CSTA XML: DOCTYPE declarations are not accepted";
        return false;
    }
    thread_local ThreadParser threadParser;
    XML_Parser parser = threadParser.fresh();
    if (!parser) {
        error = "CSTA XML: out of memory for the parser";
        return false;
    }
    TreeBuilder builder{parser, root, {}, 0, 0, {}};
    XML_SetUserData(parser, &builder);
    XML_SetElementHandler(parser, &TreeBuilder::start, &TreeBuilder::end);
    XML_SetCharacterDataHandler(parser, &TreeBuilder::characters);
    if (xml.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        error = "CSTA XML: document too large";
        return false;
    }
    if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK) {
        error = builder.error.empty()
                    ? std::string("CSTA XML: ") + XML_ErrorString(XML_GetErrorCode(parser))
                          + " at line " + std::to_string(XML_GetCurrentLineNumber(parser))
                          + ", column " + std::to_string(XML_GetCurrentColumnNumber(parser))
                    : "CSTA XML: " + builder.error;
        return false;
    }
    if (root.name.empty()) {
        error = "CSTA XML: no root element";
        return false;
    }
    if (!isAcceptedCstaNamespace(root.ns)) {
        error = "CSTA XML: <" + root.name + "> is in namespace '" + root.ns
                + "', not an ECMA-323 edition (ed2, ed3, ed4, ed6)";
        return false;
    }
    return true;
}

void appendXmlEscaped(std::string &out, std::string_view text) {
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            out += c;
        }
    }
}

} // namespace acd::tsp
