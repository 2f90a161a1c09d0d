# SYNTAX TEST "source.terraform" "SPF in the older source.terraform scopes (stand-in host grammar)"
spf = "v=spf1 include:${var.domain} ip4:198.51.100.0/24 ~all"
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.terraform
#      ^^^^^^ meta.record.spf keyword.other.version.spf
#             ^^^^^^^ meta.record.spf keyword.control.mechanism.spf
#                     ^^ meta.record.spf meta.interpolation.hcl keyword.other.interpolation.begin.hcl
#                                       ^^^^^^^^^^^^ constant.numeric.ipv4.spf
#                                                       ^ keyword.operator.qualifier.softfail.spf
txt = "\"v=spf1 -all\""
#      ^^ meta.record.spf constant.character.escape.hcl
#                ^^^ keyword.control.mechanism.spf
doc = <<EOT
v=spf1 mx -all
#      ^^ string.unquoted.heredoc.terraform meta.record.spf keyword.control.mechanism.spf
EOT
#<--- keyword.control.heredoc.terraform - meta.record.spf
no  = "txt v=spf1 -all"
#          ^^^^^^^^^^^ string.quoted.double.terraform - meta.record.spf
