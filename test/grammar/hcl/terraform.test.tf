# SYNTAX TEST "source.hcl.terraform" "SPF in Terraform strings (HashiCorp grammar)"
resource "aws_route53_record" "spf" {
  type    = "TXT"
  records = ["v=spf1 include:_spf.example.com ip6:2001:db8::/48 -all", "google-site-verification=x"]
#           ^ punctuation.section.brackets.begin.hcl
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl
#             ^^^^^^ string.quoted.double.hcl meta.record.spf keyword.other.version.spf
#                    ^^^^^^^ meta.record.spf keyword.control.mechanism.spf
#                            ^^^^^^^^^^^^^^^^ meta.record.spf entity.name.namespace.domain.spf
#                                                 ^^^^^^^^^^ constant.numeric.ipv6.spf
#                                                            ^^ constant.numeric.integer.cidr.spf
#                                                               ^ keyword.operator.qualifier.fail.spf
#                                                                   ^ string.quoted.double.hcl punctuation.definition.string.end.hcl - meta.record.spf
#                                                                    ^ punctuation.separator.hcl
#                                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.record.spf
}
#<- punctuation.section.block.end.hcl
resource "cloudflare_record" "spf" {
  content = "v=spf1 include:${var.mail_domain} ip4:${aws_eip.mail.public_ip} mx:${local.mx}/24 -all"
# ^^^^^^^ variable.other.readwrite.hcl
#                   ^^^^^^^ keyword.control.mechanism.spf
#                           ^^ meta.record.spf meta.interpolation.hcl keyword.other.interpolation.begin.hcl
#                             ^^^ meta.interpolation.hcl
#                                            ^ meta.interpolation.hcl keyword.other.interpolation.end.hcl
#                                              ^^^ keyword.control.mechanism.spf
#                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^ meta.interpolation.hcl - invalid
#                                                                            ^^ keyword.control.mechanism.spf
#                                                                                           ^^ constant.numeric.integer.cidr.spf
#                                                                                               ^^^ keyword.control.mechanism.spf
  value   = "v=spf1 exists:%%{i}._spf.%%{d2} redirect=%%{d}.example -all"
#                   ^^^^^^ keyword.control.mechanism.spf
#                                     ^ meta.record.spf constant.character.escape.hcl
#                           ^^^^ variable.parameter.macro.spf
#                           ^^ variable.parameter.macro.spf punctuation.definition.macro.begin.spf
#                                         ^ constant.numeric.integer.macro.spf
#                                            ^^^^^^^^ entity.other.attribute-name.modifier.spf
#                                                      ^^^^ variable.parameter.macro.spf
  escaped = "\"v=spf1 mx ?all\"\"include:b.example -all\""
#            ^^ meta.record.spf constant.character.escape.hcl
#              ^^^^^^ keyword.other.version.spf
#                        ^ keyword.operator.qualifier.neutral.spf
#                            ^^^^ meta.record.spf constant.character.escape.hcl
#                                ^^^^^^^ keyword.control.mechanism.spf
#                                                  ^^^^^^ meta.record.spf
  loop    = "v=spf1 %{ for d in var.includes }include:${d} %{ endfor }-all"
#                   ^^ meta.record.spf meta.interpolation.hcl keyword.other.interpolation.begin.hcl
#                      ^^^ meta.interpolation.hcl keyword.control.hcl
#                                             ^^^^^^^ meta.record.spf keyword.control.mechanism.spf
#                                                                      ^^^ keyword.control.mechanism.spf
}
locals {
  spf = {
    apex = "v=spf1 a mx -all"
#   ^^^^ meta.braces.hcl
#           ^^^^^^ meta.braces.hcl string.quoted.double.hcl meta.record.spf keyword.other.version.spf
#                        ^ keyword.control.mechanism.spf
    bad  = "v=spf1 ip4:10.0.0.1/40 foo -all"
#                              ^^^ invalid.illegal.cidr.spf
#                                  ^^^ invalid.illegal.term.spf
    note = "see v=spf1 include:x.example"
#               ^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.record.spf keyword
    tmpl = "%{ if true }v=spf1 -all%{ endif }"
#                       ^^^^^^^^^^^ - meta.record.spf keyword
  }
  policy = <<-EOT
    v=spf1 include:heredoc.example ~all
#   ^^^^^^ string.unquoted.heredoc.hcl meta.record.spf keyword.other.version.spf
#                  ^^^^^^^^^^^^^^^ entity.name.namespace.domain.spf
#                                  ^ keyword.operator.qualifier.softfail.spf
    not spf: v=spf1 -all
#            ^^^^^^^^^^^ string.unquoted.heredoc.hcl - meta.record.spf
  EOT
# ^^^ keyword.control.heredoc.hcl - meta.record.spf
  after = 1
# ^^^^^ variable.other.readwrite.hcl - meta.record.spf string
}
