// CSTA wire parser tests from hand-written frames: framing (several frames per read, frames
// split across reads, truncated, oversized, bad headers) and XML decoding (the vendor shapes
// of cti-protocols.md, other editions, wrong namespaces, extensions, malformed input).
#include <gtest/gtest.h>

#include "acd/tsp/csta_codec.h"
#include "acd/tsp/csta_frame.h"
#include "tapi.h"

namespace acd::tsp {
namespace {

const std::string kEd3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
const std::string kProlog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

std::string monitorStartXml() {
    return kProlog + "<MonitorStart xmlns=\"" + kEd3
           + "\"><monitorObject><deviceObject>4711</deviceObject></monitorObject></MonitorStart>";
}

std::string deliveredXml(const std::string &ns) {
    return kProlog + "<DeliveredEvent xmlns=\"" + ns
           + "\"><monitorCrossRefID>17</monitorCrossRefID>"
             "<connection><callID>0A01</callID><deviceID>4711</deviceID></connection>"
             "<alertingDevice><deviceIdentifier>4711</deviceIdentifier></alertingDevice>"
             "<callingDevice><deviceIdentifier>0891234567</deviceIdentifier></callingDevice>"
             "<calledDevice><deviceIdentifier>9000</deviceIdentifier></calledDevice>"
             "<lastRedirectionDevice><numberDialed>9000</numberDialed></lastRedirectionDevice>"
             "<localConnectionInfo>alerting</localConnectionInfo>"
             "<cause>enteringDistribution</cause></DeliveredEvent>";
}

std::vector<CstaFrame> readAll(CstaFrameReader &reader) {
    std::vector<CstaFrame> frames;
    CstaFrame frame;
    std::string error;
    while (reader.next(frame, error) == CstaFrameReader::Status::Frame)
        frames.push_back(frame);
    return frames;
}

// ---- framing ------------------------------------------------------------------------------

TEST(CstaFrame, MonitorStartFromTheReferenceIs209BytesWithTheDocumentedHeader) {
    std::string frame = encodeCstaFrame(1, monitorStartXml());
    ASSERT_EQ(frame.size(), 209u);
    EXPECT_EQ(frame.substr(0, 8), std::string("\x00\x00\x00\xd1"
                                              "0001",
                                              8));
}

TEST(CstaFrame, SeveralFramesInOneReadAreAllExtracted) {
    CstaFrameReader reader;
    std::string bytes =
        encodeCstaFrame(1, "<a/>") + encodeCstaFrame(2, "<b/>") + encodeCstaFrame(9999, "<c/>");
    reader.feed(bytes.data(), bytes.size());
    auto frames = readAll(reader);
    ASSERT_EQ(frames.size(), 3u);
    EXPECT_EQ(frames[0].invokeId, 1);
    EXPECT_EQ(frames[1].xml, "<b/>");
    EXPECT_EQ(frames[2].invokeId, 9999);
    EXPECT_EQ(reader.buffered(), 0u);
}

TEST(CstaFrame, AFrameSplitByteByByteIsReassembled) {
    CstaFrameReader reader;
    std::string bytes = encodeCstaFrame(42, monitorStartXml());
    std::vector<CstaFrame> frames;
    for (char c : bytes) {
        reader.feed(&c, 1);
        auto got = readAll(reader);
        frames.insert(frames.end(), got.begin(), got.end());
    }
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].invokeId, 42);
    EXPECT_EQ(frames[0].xml, monitorStartXml());
}

TEST(CstaFrame, ATruncatedFrameWaitsForMoreBytes) {
    CstaFrameReader reader;
    std::string bytes = encodeCstaFrame(3, "<abc/>");
    reader.feed(bytes.data(), bytes.size() - 1);
    CstaFrame frame;
    std::string error;
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::NeedMore);
    EXPECT_EQ(reader.buffered(), bytes.size() - 1);
}

TEST(CstaFrame, AFrameOverTheCapIsAnErrorNamingBothSizes) {
    CstaFrameReader reader(1024);
    std::string header("\x00\x00\x08\x00"
                       "0001",
                       8); // 2048 bytes
    reader.feed(header.data(), header.size());
    CstaFrame frame;
    std::string error;
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::Error);
    EXPECT_EQ(error, "CSTA frame header: length 2048 exceeds the frame cap of 1024 bytes");
}

TEST(CstaFrame, WrongVersionBytesAreAnErrorThatStaysUntilReset) {
    CstaFrameReader reader;
    std::string bad("\x01\x00\x00\x0c"
                    "0001"
                    "<a/>",
                    12);
    reader.feed(bad.data(), bad.size());
    CstaFrame frame;
    std::string error;
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::Error);
    EXPECT_EQ(error, "CSTA frame header: version bytes are 01 00, expected 00 00");
    std::string good = encodeCstaFrame(1, "<a/>");
    reader.feed(good.data(), good.size());
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::Error);
    reader.reset();
    reader.feed(good.data(), good.size());
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::Frame);
}

TEST(CstaFrame, ALengthShorterThanTheHeaderIsAnError) {
    CstaFrameReader reader;
    std::string bad("\x00\x00\x00\x04"
                    "0001",
                    8);
    reader.feed(bad.data(), bad.size());
    CstaFrame frame;
    std::string error;
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::Error);
    EXPECT_EQ(error, "CSTA frame header: length 4 is shorter than the 8-byte header");
}

TEST(CstaFrame, ANonDigitInvokeIdIsAnError) {
    CstaFrameReader reader;
    std::string bad("\x00\x00\x00\x0c"
                    "00x1"
                    "<a/>",
                    12);
    reader.feed(bad.data(), bad.size());
    CstaFrame frame;
    std::string error;
    EXPECT_EQ(reader.next(frame, error), CstaFrameReader::Status::Error);
    EXPECT_EQ(error, "CSTA frame header: invokeID bytes 30 30 78 31 are not four ASCII digits");
}

TEST(CstaFrame, EncodingRefusesFramesOverTheCapAndBadInvokeIds) {
    EXPECT_TRUE(encodeCstaFrame(1, std::string(100, 'x'), 64).empty());
    EXPECT_TRUE(encodeCstaFrame(10000, "<a/>").empty());
    EXPECT_TRUE(encodeCstaFrame(1, std::string(70000, 'x')).empty());
}

// ---- XML ----------------------------------------------------------------------------------

TEST(CstaXml, TheReferenceDeliveredEventDecodesToTypedFields) {
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(deliveredXml(kEd3), m, error)) << error;
    EXPECT_EQ(m.type, CstaMessageType::Event);
    EXPECT_EQ(m.event.kind, EventKind::Delivered);
    EXPECT_EQ(m.event.crossRefId, "17");
    EXPECT_EQ(m.event.connection, (ConnectionId{"0A01", "4711"}));
    EXPECT_EQ(m.event.subjectDevice, "4711");
    EXPECT_EQ(m.event.callingDevice, "0891234567");
    EXPECT_EQ(m.event.calledDevice, "9000");
    EXPECT_EQ(m.event.localState, ConnState::Alerting);
    EXPECT_EQ(m.event.cause, "enteringDistribution");
}

TEST(CstaXml, Ed2Ed4AndEd6NamespacesAreAcceptedByLocalName) {
    for (const std::string ns : {"http://www.ecma.ch/standards/ecma-323/csta/ed2",
                                 "http://www.ecma-international.org/standards/ecma-323/csta/ed4",
                                 "http://www.ecma-international.org/standards/ecma-323/csta/ed6"}) {
        CstaMessage m;
        std::string error;
        EXPECT_TRUE(decodeCstaMessage(deliveredXml(ns), m, error)) << ns << ": " << error;
        EXPECT_EQ(m.event.kind, EventKind::Delivered);
    }
}

TEST(CstaXml, AForeignNamespaceIsAnErrorNamingIt) {
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage(deliveredXml("http://example.com/pbx"), m, error));
    EXPECT_EQ(error, "CSTA XML: <DeliveredEvent> is in namespace 'http://example.com/pbx', not an "
                     "ECMA-323 edition (ed2, ed3, ed4, ed6)");
}

TEST(CstaXml, UnknownExtensionsAreIgnored) {
    std::string xml = deliveredXml(kEd3);
    xml.insert(xml.find("<localConnectionInfo>"),
               "<extensions><privateData><private><scx:x xmlns:scx=\"http://www.siemens.com/"
               "schema/csta\"><localConnectionInfo>fail</localConnectionInfo></scx:x></private>"
               "</privateData></extensions>");
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(xml, m, error)) << error;
    EXPECT_EQ(m.event.localState, ConnState::Alerting);
}

TEST(CstaXml, MalformedXmlIsAnErrorAndNotACrash) {
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage("<DeliveredEvent><connection>", m, error));
    EXPECT_EQ(error.rfind("CSTA XML: ", 0), 0u);
    EXPECT_FALSE(decodeCstaMessage("", m, error));
    EXPECT_FALSE(decodeCstaMessage("not xml at all", m, error));
}

TEST(CstaXml, ADoctypeIsRefused) {
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", m, error));
    EXPECT_EQ(error, "CSTA XML: DOCTYPE declarations are not accepted");
}

TEST(CstaXml, NestingDeeperThanTheLimitIsRefused) {
    std::string xml;
    for (int i = 0; i < 40; ++i)
        xml += "<a>";
    for (int i = 0; i < 40; ++i)
        xml += "</a>";
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage(xml, m, error));
    EXPECT_NE(error.find("nested deeper than 24"), std::string::npos) << error;
}

TEST(CstaXml, AnEventWithoutItsConnectionIsAnErrorNamingTheElement) {
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(
        decodeCstaMessage("<EstablishedEvent xmlns=\"" + kEd3
                              + "\"><monitorCrossRefID>1</monitorCrossRefID></EstablishedEvent>",
                          m, error));
    EXPECT_EQ(error, "CSTA <EstablishedEvent>: missing <establishedConnection><callID>");
}

TEST(CstaXml, AnUnknownLocalConnectionStateIsAnErrorNamingTheValue) {
    std::string xml = deliveredXml(kEd3);
    xml.replace(xml.find("alerting</local"), 8, "ringing");
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage(xml, m, error));
    EXPECT_EQ(error, "CSTA <DeliveredEvent>: unknown localConnectionInfo 'ringing'");
}

TEST(CstaXml, AnUnknownMessageIsAnErrorNamingIt) {
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage("<ParkCall xmlns=\"" + kEd3 + "\"/>", m, error));
    EXPECT_EQ(error, "CSTA: unknown message <ParkCall>");
}

TEST(CstaXml, TheReferenceErrorCodeMapsToInvalCallState) {
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(kProlog + "<CSTAErrorCode xmlns=\"" + kEd3
                                      + "\"><stateIncompatibility>noCallToAnswer"
                                        "</stateIncompatibility></CSTAErrorCode>",
                                  m, error));
    EXPECT_EQ(m.type, CstaMessageType::Error);
    EXPECT_EQ(m.result.error, CstaError::NoCallToAnswer);
    EXPECT_EQ(toLineErr(m.result.error), LINEERR_INVALCALLSTATE);
}

TEST(CstaXml, ErrorTableMapsEachCategoryToItsLineErr) {
    EXPECT_EQ(toLineErr(parseCstaError("operation", "invalidCallID")), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(toLineErr(parseCstaError("operation", "invalidConnectionID")),
              LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(toLineErr(parseCstaError("operation", "invalidDeviceID")), LINEERR_INVALADDRESS);
    EXPECT_EQ(toLineErr(parseCstaError("operation", "serviceNotSupported")),
              LINEERR_OPERATIONUNAVAIL);
    EXPECT_EQ(toLineErr(parseCstaError("systemResourceAvailability", "resourceBusy")),
              LINEERR_RESOURCEUNAVAIL);
    EXPECT_EQ(toLineErr(parseCstaError("stateIncompatibility", "somethingNew")),
              LINEERR_INVALCALLSTATE);
    EXPECT_EQ(toLineErr(parseCstaError("privateData", "URM Denied")), LINEERR_OPERATIONFAILED);
    EXPECT_EQ(toLineErr(CstaError::LinkDown), LINEERR_OPERATIONFAILED);
}

TEST(CstaXml, TransferedAndTransferredSpellingsBothDecode) {
    for (const std::string name : {"TransferedEvent", "TransferredEvent"}) {
        std::string xml = "<" + name + " xmlns=\"" + kEd3
                          + "\"><monitorCrossRefID>3</monitorCrossRefID>"
                            "<primaryOldCall><callID>FF00</callID><deviceID>100</deviceID>"
                            "</primaryOldCall><transferringDevice><deviceIdentifier>100"
                            "</deviceIdentifier></transferringDevice><transferredToDevice>"
                            "<deviceIdentifier>102</deviceIdentifier></transferredToDevice>"
                            "<transferredConnections><connectionListItem><newConnection>"
                            "<callID>0300</callID><deviceID>101</deviceID></newConnection>"
                            "</connectionListItem></transferredConnections>"
                            "<localConnectionInfo>connected</localConnectionInfo>"
                            "<cause>singleStepTransfer</cause></"
                          + name + ">";
        CstaMessage m;
        std::string error;
        ASSERT_TRUE(decodeCstaMessage(xml, m, error)) << name << ": " << error;
        EXPECT_EQ(m.event.kind, EventKind::Transferred);
        EXPECT_EQ(m.event.primaryOldCall, "FF00");
        EXPECT_EQ(m.event.connection.callId, "0300");
        EXPECT_EQ(m.event.subjectDevice, "100");
        EXPECT_EQ(m.event.otherDevice, "102");
    }
}

TEST(CstaXml, DeviceIdsAreAcceptedAsPlainTextOrWrapped) {
    std::string xml = deliveredXml(kEd3);
    xml.replace(xml.find("<alertingDevice><deviceIdentifier>4711</deviceIdentifier>"),
                std::string("<alertingDevice><deviceIdentifier>4711</deviceIdentifier>").size(),
                "<alertingDevice>4711");
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(xml, m, error)) << error;
    EXPECT_EQ(m.event.subjectDevice, "4711");
}

// ---- round trips --------------------------------------------------------------------------

TEST(CstaCodec, EveryRequestSurvivesAnEncodeDecodeRoundTrip) {
    std::vector<SwitchRequest> requests;
    auto add = [&](RequestKind kind) -> SwitchRequest & {
        requests.emplace_back();
        requests.back().kind = kind;
        return requests.back();
    };
    add(RequestKind::MakeCall).device = "100";
    requests.back().destination = "+4989123";
    add(RequestKind::AnswerCall).conn = {"0A01", "101"};
    add(RequestKind::ClearConnection).conn = {"0A01", "101"};
    add(RequestKind::HoldCall).conn = {"0A01", "101"};
    add(RequestKind::RetrieveCall).conn = {"0A01", "101"};
    add(RequestKind::ConsultationCall).conn = {"0A01", "101"};
    requests.back().destination = "102";
    add(RequestKind::TransferCall).conn = {"0A01", "101"};
    requests.back().secondConn = {"0A02", "101"};
    add(RequestKind::ConferenceCall).conn = {"0A01", "101"};
    requests.back().secondConn = {"0A02", "101"};
    add(RequestKind::SingleStepTransferCall).conn = {"0A01", "101"};
    requests.back().destination = "103";
    add(RequestKind::DeflectCall).conn = {"0A01", "9000"};
    requests.back().destination = "104";
    add(RequestKind::SetAgentState).device = "105";
    requests.back().agentState = AgentState::WorkingAfterCall;
    requests.back().agentId = "4711";
    requests.back().group = "sales";
    add(RequestKind::GetAgentState).device = "105";
    add(RequestKind::SnapshotDevice).device = "106";
    add(RequestKind::MonitorStart).device = "107";
    add(RequestKind::MonitorStop).crossRefId = "12";
    for (const auto &r : requests) {
        CstaMessage m;
        std::string error;
        ASSERT_TRUE(decodeCstaMessage(encodeCstaRequest(r), m, error))
            << toString(r.kind) << ": " << error;
        EXPECT_EQ(m.type, CstaMessageType::Request);
        EXPECT_EQ(m.request, r) << toString(r.kind);
    }
}

TEST(CstaCodec, ResponsesCarryTheirResultsBack) {
    SwitchResult made;
    made.conn = {"0A07", "100"};
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(encodeCstaResponse(RequestKind::MakeCall, made), m, error));
    EXPECT_EQ(m.type, CstaMessageType::Response);
    EXPECT_EQ(m.responseTo, RequestKind::MakeCall);
    EXPECT_EQ(m.result.conn, made.conn);

    SwitchResult snapshot;
    snapshot.snapshot = {{"0001", ConnState::Connected}, {"0002", ConnState::Hold}};
    ASSERT_TRUE(
        decodeCstaMessage(encodeCstaResponse(RequestKind::SnapshotDevice, snapshot), m, error));
    EXPECT_EQ(m.result.snapshot, snapshot.snapshot);

    SwitchResult agent;
    agent.agentState = AgentState::Ready;
    ASSERT_TRUE(decodeCstaMessage(encodeCstaResponse(RequestKind::GetAgentState, agent), m, error));
    EXPECT_EQ(m.result.agentState, AgentState::Ready);

    SwitchResult monitor;
    monitor.crossRefId = "77";
    ASSERT_TRUE(
        decodeCstaMessage(encodeCstaResponse(RequestKind::MonitorStart, monitor), m, error));
    EXPECT_EQ(m.result.crossRefId, "77");

    SwitchResult failed;
    failed.error = CstaError::InvalidDestination;
    ASSERT_TRUE(decodeCstaMessage(encodeCstaResponse(RequestKind::DeflectCall, failed), m, error));
    EXPECT_EQ(m.type, CstaMessageType::Error);
    EXPECT_EQ(m.result.error, CstaError::InvalidDestination);
}

TEST(CstaCodec, EveryEventSurvivesAnEncodeDecodeRoundTrip) {
    std::vector<SwitchEvent> events;
    for (EventKind kind :
         {EventKind::ServiceInitiated, EventKind::Delivered, EventKind::Established,
          EventKind::ConnectionCleared, EventKind::Held, EventKind::Retrieved, EventKind::Failed}) {
        SwitchEvent e;
        e.kind = kind;
        e.crossRefId = "5";
        e.connection = {"0B01", "101"};
        e.subjectDevice = "101";
        e.localState = ConnState::Connected;
        e.cause = "normal";
        events.push_back(e);
    }
    events[1].callingDevice = "100";
    events[1].calledDevice = "9000";
    SwitchEvent originated = events[0];
    originated.kind = EventKind::Originated;
    originated.callingDevice = "101";
    originated.calledDevice = "102";
    events.push_back(originated);
    SwitchEvent diverted = events[0];
    diverted.kind = EventKind::Diverted;
    diverted.otherDevice = "103";
    events.push_back(diverted);
    SwitchEvent transferred;
    transferred.kind = EventKind::Transferred;
    transferred.crossRefId = "6";
    transferred.connection = {"0C01", ""};
    transferred.subjectDevice = "100";
    transferred.otherDevice = "102";
    transferred.primaryOldCall = "0A01";
    transferred.secondaryOldCall = "0A02";
    transferred.localState = ConnState::Null;
    transferred.cause = "transfer";
    events.push_back(transferred);
    SwitchEvent conferenced = transferred;
    conferenced.kind = EventKind::Conferenced;
    conferenced.connection = {"0C02", "100"};
    conferenced.cause = "conference";
    events.push_back(conferenced);
    SwitchEvent agent;
    agent.kind = EventKind::AgentStateChanged;
    agent.crossRefId = "7";
    agent.subjectDevice = "105";
    agent.agentState = AgentState::NotReady;
    agent.agentId = "4711";
    events.push_back(agent);
    for (const auto &e : events) {
        CstaMessage m;
        std::string error;
        ASSERT_TRUE(decodeCstaMessage(encodeCstaEvent(e), m, error))
            << toString(e.kind) << ": " << error;
        EXPECT_EQ(m.event, e) << toString(e.kind);
    }
}

TEST(CstaCodec, TextIsEscapedOnTheWayOut) {
    SwitchRequest r;
    r.kind = RequestKind::SetAgentState;
    r.device = "105";
    r.agentId = "a<b&c>\"'";
    std::string xml = encodeCstaRequest(r);
    EXPECT_NE(xml.find("a&lt;b&amp;c&gt;&quot;&apos;"), std::string::npos);
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(xml, m, error));
    EXPECT_EQ(m.request.agentId, r.agentId);
}

TEST(CstaCodec, LinkMessagesDecode) {
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(encodeSystemStatus("normal"), m, error));
    EXPECT_EQ(m.type, CstaMessageType::SystemStatus);
    EXPECT_EQ(m.systemStatus, "normal");
    ASSERT_TRUE(decodeCstaMessage(encodeSystemRegister(), m, error));
    EXPECT_EQ(m.type, CstaMessageType::SystemRegister);
    ASSERT_TRUE(decodeCstaMessage(encodeSystemRegisterResponse("1"), m, error));
    EXPECT_EQ(m.type, CstaMessageType::SystemRegisterResponse);
    ASSERT_TRUE(decodeCstaMessage(encodeSystemStatusResponse(), m, error));
    EXPECT_EQ(m.type, CstaMessageType::SystemStatusResponse);
}

TEST(CstaCodec, ASnapshotAnsweredInSegmentsCarriesOnlyItsServiceCrossRefId)
{
    SwitchResult segmented;
    segmented.serviceCrossRefId = "snapshot-7";
    const std::string xml = encodeCstaResponse(RequestKind::SnapshotDevice, segmented);
    EXPECT_NE(xml.find("<crossRefIDorSnapshotData><serviceCrossRefID>snapshot-7"
                       "</serviceCrossRefID></crossRefIDorSnapshotData>"),
              std::string::npos);
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(xml, m, error)) << error;
    EXPECT_EQ(m.type, CstaMessageType::Response);
    EXPECT_EQ(m.result.serviceCrossRefId, "snapshot-7");
    EXPECT_TRUE(m.result.snapshot.empty());
}

TEST(CstaCodec, ASnapshotSegmentSurvivesAnEncodeDecodeRoundTrip)
{
    SnapshotSegment segment;
    segment.serviceCrossRefId = "snapshot-7";
    segment.segmentId = 3;
    segment.lastSegment = true;
    segment.entries = {{"0011", ConnState::Queued}, {"0012", ConnState::Alerting}};
    CstaMessage m;
    std::string error;
    ASSERT_TRUE(decodeCstaMessage(encodeSnapshotDeviceData(segment), m, error)) << error;
    EXPECT_EQ(m.type, CstaMessageType::SnapshotDeviceData);
    EXPECT_EQ(m.segment, segment);
}

std::string snapshotData(const std::string &inner)
{
    return "<SnapshotDeviceData xmlns=\"http://www.ecma-international.org/standards/ecma-323/"
           "csta/ed3\">"
           + inner + "</SnapshotDeviceData>";
}

TEST(CstaXml, ASnapshotSegmentWithoutItsServiceCrossRefIdIsAnErrorNamingIt)
{
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage(
        snapshotData("<segmentID>1</segmentID><lastSegment>true</lastSegment>"), m, error));
    EXPECT_EQ(error, "CSTA <SnapshotDeviceData>: missing <serviceCrossRefID>");
}

TEST(CstaXml, ASnapshotSegmentNumberThatIsNotPositiveIsAnErrorNamingTheValue)
{
    CstaMessage m;
    std::string error;
    for (const std::string id : {"0", "-1", "x1", "123456789012"}) {
        EXPECT_FALSE(
            decodeCstaMessage(snapshotData("<serviceCrossRefID>s</serviceCrossRefID>"
                                           "<segmentID>"
                                           + id + "</segmentID><lastSegment>true</lastSegment>"),
                              m, error))
            << id;
        EXPECT_EQ(error,
                  "CSTA <SnapshotDeviceData>: segmentID '" + id + "' is not a positive number");
    }
}

TEST(CstaXml, ASnapshotSegmentWhoseLastFlagIsNotABooleanIsAnErrorNamingTheValue)
{
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage(snapshotData("<serviceCrossRefID>s</serviceCrossRefID>"
                                                "<segmentID>1</segmentID><lastSegment>maybe"
                                                "</lastSegment>"),
                                   m, error));
    EXPECT_EQ(error, "CSTA <SnapshotDeviceData>: lastSegment 'maybe' is not true or false");
}

TEST(CstaXml, ASnapshotSegmentEntryWithAnUnknownStateIsAnErrorNamingTheMessage)
{
    CstaMessage m;
    std::string error;
    EXPECT_FALSE(decodeCstaMessage(
        snapshotData("<serviceCrossRefID>s</serviceCrossRefID><segmentID>1</segmentID>"
                     "<lastSegment>false</lastSegment><snapshotData><snapshotDeviceResponseInfo>"
                     "<connectionIdentifier><callID>1</callID></connectionIdentifier>"
                     "<localCallState><compoundCallState><localConnectionState>dancing"
                     "</localConnectionState></compoundCallState></localCallState>"
                     "</snapshotDeviceResponseInfo></snapshotData>"),
        m, error));
    EXPECT_EQ(error, "CSTA <SnapshotDeviceData>: entry without callID or with unknown "
                     "localConnectionState 'dancing'");
}

} // namespace
} // namespace acd::tsp
