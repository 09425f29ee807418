#!/usr/bin/env python3
"""An independent CSTA XML peer (Python stdlib only) that checks pbx-sim's wire format:
8-byte header framing, SystemStatus on connect, SystemRegister, MonitorStart, MakeCall and
the events of both monitored devices. Written from the ECMA-323 names in
cti-protocols.md, not from the C++ code. Usage: csta_peer.py PBX_SIM_BINARY"""
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"


def frame(invoke, body):
    data = ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode()
    return b"\x00\x00" + (len(data) + 8).to_bytes(2, "big") + b"%04d" % invoke + data


def local(tag):
    return tag.split("}", 1)[-1]


class Peer:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""

    def read(self):
        while True:
            if len(self.buf) >= 8:
                assert self.buf[:2] == b"\x00\x00", self.buf[:8]
                length = int.from_bytes(self.buf[2:4], "big")
                if len(self.buf) >= length:
                    invoke = int(self.buf[4:8])
                    root = ET.fromstring(self.buf[8:length])
                    self.buf = self.buf[length:]
                    return invoke, root
            chunk = self.sock.recv(65536)
            assert chunk, "pbx-sim closed the connection"
            self.buf += chunk

    def request(self, invoke, body):
        self.sock.sendall(frame(invoke, body))
        while True:
            got, root = self.read()
            if got == invoke:
                return root
            self.events.append((got, root))

    events = []


def main():
    proc = subprocess.Popen([sys.argv[1], "--csta-listen", "127.0.0.1:0", "--stations",
                             "100-101", "--route-points", "9000-9000"],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline().rsplit(":", 1)[1])
        peer = Peer(port)
        invoke, status = peer.read()
        assert local(status.tag) == "SystemStatus", status.tag
        assert status.tag == "{%s}SystemStatus" % NS, status.tag
        peer.sock.sendall(frame(invoke, '<SystemStatusResponse xmlns="%s"/>' % NS))
        reg = peer.request(1, '<SystemRegister xmlns="%s"><requestTypes><systemStatus>true'
                              '</systemStatus></requestTypes></SystemRegister>' % NS)
        assert local(reg.tag) == "SystemRegisterResponse", reg.tag
        refs = {}
        for i, dn in enumerate(["100", "101"]):
            resp = peer.request(2 + i, '<MonitorStart xmlns="%s"><monitorObject><deviceObject>'
                                       '%s</deviceObject></monitorObject></MonitorStart>'
                                % (NS, dn))
            refs[resp.find("{%s}monitorCrossRefID" % NS).text] = dn
        made = peer.request(4, '<MakeCall xmlns="%s"><callingDevice>100</callingDevice>'
                               '<calledDirectoryNumber>101</calledDirectoryNumber></MakeCall>'
                            % NS)
        assert local(made.tag) == "MakeCallResponse", made.tag
        call_id = made.find("{%s}callingDevice/{%s}callID" % (NS, NS)).text
        wanted = {("100", "ServiceInitiatedEvent"), ("100", "OriginatedEvent"),
                  ("100", "DeliveredEvent"), ("101", "DeliveredEvent")}
        seen = set()
        while seen != wanted:
            invoke, ev = peer.read()
            assert invoke == 9999, invoke
            dn = refs[ev.find("{%s}monitorCrossRefID" % NS).text]
            seen.add((dn, local(ev.tag)))
            if (dn, local(ev.tag)) == ("101", "DeliveredEvent"):
                assert ev.find("{%s}localConnectionInfo" % NS).text == "alerting"
        bad = peer.request(5, '<AnswerCall xmlns="%s"><callToBeAnswered><callID>%s</callID>'
                              '<deviceID>100</deviceID></callToBeAnswered></AnswerCall>'
                           % (NS, call_id))
        assert local(bad.tag) == "CSTAErrorCode", bad.tag
        print("csta_peer: pbx-sim wire format ok (call %s)" % call_id)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
