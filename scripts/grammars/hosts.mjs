// Host grammars the injection tests run against (see test/grammar/vendor/vscode-yaml/README.md).
export const HOST_GRAMMARS = [
  'node_modules/tm-grammars/grammars/hcl.json', // source.hcl (hashicorp/syntax)
  'node_modules/tm-grammars/grammars/terraform.json', // source.hcl.terraform (hashicorp/syntax)
  'test/grammar/hosts/terraform-legacy.tmLanguage.json', // source.terraform (stand-in)
  'test/grammar/vendor/vscode-yaml/yaml.tmLanguage.json', // source.yaml (VS Code built-in)
  'test/grammar/vendor/vscode-yaml/yaml-1.0.tmLanguage.json',
  'test/grammar/vendor/vscode-yaml/yaml-1.1.tmLanguage.json',
  'test/grammar/vendor/vscode-yaml/yaml-1.2.tmLanguage.json',
  'test/grammar/vendor/vscode-yaml/yaml-1.3.tmLanguage.json',
  'test/grammar/vendor/vscode-yaml/yaml-embedded.tmLanguage.json',
];
