#include "acd/tsp/csta_xml.h"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>

#include <array>

namespace acd::tsp {
namespace {

constexpr std::array<std::string_view, 4> kAcceptedNamespaces{
    "http://www.ecma.ch/standards/ecma-323/csta/ed2",
    "http://www.ecma-international.org/standards/ecma-323/csta/ed3",
    "http://www.ecma-international.org/standards/ecma-323/csta/ed4",
    "http://www.ecma-international.org/standards/ecma-323/csta/ed6",
};

std::string trim(const std::string &s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos)
        return {};
    size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

class TreeBuilder : public Poco::XML::DefaultHandler {
public:
    explicit TreeBuilder(XmlElement &root)
        : m_root(root) {}

    void startElement(const Poco::XML::XMLString &uri, const Poco::XML::XMLString &localName,
                      const Poco::XML::XMLString &qname, const Poco::XML::Attributes &) override {
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return;
        }
        if (++m_count > kXmlMaxElements)
            throw Poco::DataException("more than " + std::to_string(kXmlMaxElements) + " elements");
        if (m_stack.size() >= kXmlMaxDepth)
            throw Poco::DataException("elements nested deeper than "
                                      + std::to_string(kXmlMaxDepth));
        const std::string &name = localName.empty() ? qname : localName;
        if (name == "extensions" && !m_stack.empty()) {
            m_skipDepth = 1;
            return;
        }
        XmlElement *element = nullptr;
        if (m_stack.empty()) {
            element = &m_root;
        } else {
            m_stack.back()->children.emplace_back();
            element = &m_stack.back()->children.back();
        }
        element->name = name;
        element->ns = uri;
        m_stack.push_back(element);
    }

    void endElement(const Poco::XML::XMLString &, const Poco::XML::XMLString &,
                    const Poco::XML::XMLString &) override {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return;
        }
        if (!m_stack.empty()) {
            m_stack.back()->text = trim(m_stack.back()->text);
            m_stack.pop_back();
        }
    }

    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (m_skipDepth == 0 && !m_stack.empty())
            m_stack.back()->text.append(ch + start, static_cast<size_t>(length));
    }

private:
    XmlElement &m_root;
    // Children vectors only grow at the back of the innermost open element, so pointers to
    // the open elements stay valid.
    std::vector<XmlElement *> m_stack;
    size_t m_skipDepth = 0;
    size_t m_count = 0;
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
    try {
        TreeBuilder builder(root);
        Poco::XML::SAXParser parser;
        parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
        parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACE_PREFIXES, false);
        parser.setContentHandler(&builder);
        parser.parseMemoryNP(xml.data(), xml.size());
    } catch (const Poco::Exception &e) {
        error = "CSTA XML: " + e.displayText();
        return false;
    } catch (const std::exception &e) {
        error = std::string("CSTA XML: ") + e.what();
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
