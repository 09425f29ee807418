#pragma once

// CSTA Phase III XML (ECMA-323) messages <-> the bridge's typed structures. Shared by the
// csta provider (client side), pbx-sim (switch side) and the fuzz target.

#include <string>
#include <string_view>

#include "acd/tsp/csta_xml.h"
#include "acd/tsp/switch_types.h"

namespace acd::tsp {

enum class CstaMessageType {
    Request,      ///< a call-control / agent / monitor / snapshot request
    Response,     ///< a positive response (responseTo says to what)
    Error,        ///< CSTAErrorCode (result.error set)
    Event,        ///< an unsolicited event
    SystemStatus, ///< heartbeat / link status (both directions)
    SystemStatusResponse,
    SystemRegister,
    SystemRegisterResponse,
    SnapshotDeviceData, ///< one segment of a snapshot answered in segments (switch -> us)
};

/// One SnapshotDeviceData message: a switch whose snapshot of a device is too long for one
/// message answers SnapshotDevice with a serviceCrossRefID and sends the entries in numbered
/// segments under it, the last one flagged.
struct SnapshotSegment {
    std::string serviceCrossRefId;
    int segmentId = 0; ///< 1, 2, ...
    bool lastSegment = false;
    std::vector<SnapshotEntry> entries;
    bool operator==(const SnapshotSegment &) const = default;
};

struct CstaMessage {
    CstaMessageType type = CstaMessageType::Event;
    std::string rootName;
    RequestKind responseTo = RequestKind::MakeCall; ///< Response
    SwitchRequest request;                          ///< Request
    SwitchResult result;                            ///< Response / Error
    SwitchEvent event;                              ///< Event (crossRefId set)
    std::string systemStatus;                       ///< SystemStatus
    SnapshotSegment segment;                        ///< SnapshotDeviceData
};

/// Decodes one XML document. Unknown root elements, missing mandatory children and
/// unparseable values are errors whose message names the element and the value.
bool decodeCstaMessage(std::string_view xml, CstaMessage &out, std::string &error);
bool decodeCstaMessage(const XmlElement &root, CstaMessage &out, std::string &error);

std::string encodeCstaRequest(const SwitchRequest &request);
/// A positive response, or CSTAErrorCode when result.error is set.
std::string encodeCstaResponse(RequestKind kind, const SwitchResult &result);
std::string encodeCstaEvent(const SwitchEvent &event);
std::string encodeSnapshotDeviceData(const SnapshotSegment &segment);
std::string encodeSystemStatus(std::string_view status = "normal");
std::string encodeSystemStatusResponse();
std::string encodeSystemRegister();
std::string encodeSystemRegisterResponse(std::string_view registerId);

} // namespace acd::tsp
