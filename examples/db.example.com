; Zone for example.com — a typical small company after a few years of edits.
$ORIGIN example.com.
$TTL 1h
@       IN SOA  ns1.example.com. hostmaster.example.com. (
                2026112301 ; serial
                2h         ; refresh
                15m        ; retry
                2w         ; expire
                1h )       ; negative TTL
        IN NS   ns1.example.com.
        IN NS   ns2.example.net.
        IN MX   10 mx1.example.com.
        IN MX   20 mx2.example.com.
mx1     IN A    192.0.2.25
mx2     IN A    192.0.2.26
www     IN A    192.0.2.80

; Main policy: Google Workspace, a newsletter service and the office range.
; The office range was typed with the host address instead of the network.
@       IN TXT  ( "v=spf1 mx include:_spf.google.com include:servers.mcsv.net"
                  " ip4:198.51.100.7/24 ~all" )

; Someone added a second record instead of editing the first one.
@       IN TXT  "v=spf1 include:sendgrid.net -all"

; The ticketing system sends as support.example.com; its vendor doc said "ptr".
support IN TXT  "v=spf1 ptr ip4:203.0.113.0/24 -all"

; Marketing host: typos copied from a forum post.
news    IN TXT  "v=spf1 inclde:_spf.mailer.example ipv4:192.0.2.40 mx -all"

; A redirect that never applies, and a test record that allows everyone.
bounce  IN TXT  "v=spf1 redirect=_spf.example.com ~all"
test    IN TXT  "v=spf1 +all"

; Subdomain without a final all.
billing IN TXT  "v=spf1 a:billing-gw.example.com"

_spf    IN TXT  "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8:10::/48 -all"

; Marketing kept adding vendors; every include brings its own includes along.
marketing IN TXT ( "v=spf1 include:_spf.google.com include:spf.protection.outlook.com"
                   " include:servers.mcsv.net include:mail.zendesk.com"
                   " include:_spf.salesforce.com include:spf.oldvendor.example ~all" )
