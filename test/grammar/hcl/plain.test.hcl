# SYNTAX TEST "source.hcl" "SPF in plain HCL strings (HashiCorp grammar)"
mail "example" {
  spf     = "v=spf1 ip4:192.0.2.0/24 include:${var.relay} -all"
# ^^^ variable.other.readwrite.hcl
#            ^^^^^^ meta.block.hcl string.quoted.double.hcl meta.record.spf keyword.other.version.spf
#                       ^^^^^^^^^ constant.numeric.ipv4.spf
#                                            ^^ meta.record.spf meta.interpolation.hcl keyword.other.interpolation.begin.hcl
#                                                  ^^^^^ meta.interpolation.hcl
#                                                          ^^^ keyword.control.mechanism.spf
  records = ["v=spf1 mx -all"]
#                    ^^ string.quoted.double.hcl meta.record.spf keyword.control.mechanism.spf
  other   = "x v=spf1 mx -all"
#              ^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.record.spf
  text    = <<EOT
v=spf1 a:%{d}.example -all
#<------ string.unquoted.heredoc.hcl meta.record.spf keyword.other.version.spf
#        ^^^^ meta.record.spf meta.interpolation.hcl - variable.parameter.macro.spf
EOT
#<--- keyword.control.heredoc.hcl - meta.record.spf
  after   = "v=spf1 ptr -all"
#                   ^^^ meta.record.spf keyword.control.mechanism.spf
}
