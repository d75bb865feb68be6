//! Synthetic question bank for the speed benchmark (issue 5).
//!
//! ```text
//! cargo run --release --example corpus -- --count 10000 --seed 1 --out /tmp/corpus
//! ```
//!
//! Writes the same N questions twice:
//! - `OUT/cramdown/`: `site.toml` (30 described topics), `content/_index.md` and
//!   `content/<topic>/<slug>.md` in cramdown's content contract;
//! - `OUT/hugo/`: a Hugo site (`hugo.toml` with a `topics` taxonomy, class-based highlighting,
//!   `uglyURLs` so both tools write one `<folder>/<slug>.html` per question), the same content
//!   with the `.md` links rewritten to the `.html` pages, and the minimal layouts of
//!   `benches/hugo/layouts/`.
//!
//! Each question has 1-3 of the 30 topics, ~25% YAML front matter, a prompt with a
//! CloudFormation-like ```yaml or IAM-like ```json block in a third of them, a `## Answer` line,
//! and an answer of 150-400 words with lists, inline code, links to other questions and, in ~40%,
//! one or two code blocks (yaml, json, bash, python). Every json/yaml block is valid. The output
//! depends only on `--count` and `--seed`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Marks a folder as written by this tool, so a rerun may replace it.
const MARKER: &str = ".corpus-generated";

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, seeded per question so a question does not depend on the others.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `p` percent.
    fn pct(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn question_rng(seed: u64, index: usize, stream: u64) -> Rng {
    let mut base = Rng::new(seed);
    let a = base.next();
    Rng::new(a ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03) ^ stream.rotate_left(32))
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const TOPICS: &[(&str, &str)] = &[
    ("ec2", "EC2"),
    ("iam", "IAM"),
    ("s3", "S3"),
    ("sqs", "SQS"),
    ("sns", "SNS"),
    ("cicd", "CI/CD"),
    ("containers", "Containers"),
    ("cloudformation", "CloudFormation"),
    ("load-balancing", "Load balancing"),
    ("elastic-beanstalk", "Elastic Beanstalk"),
    ("vpc", "VPC"),
    ("lambda", "Lambda"),
    ("dynamodb", "DynamoDB"),
    ("databases", "Databases"),
    ("encryption", "Encryption"),
    ("monitoring", "Monitoring"),
    ("route53", "Route 53"),
    ("autoscaling", "Auto Scaling"),
    ("security", "Security"),
    ("serverless", "Serverless"),
    ("api-gateway", "API Gateway"),
    ("cloudfront", "CloudFront"),
    ("kinesis", "Kinesis"),
    ("step-functions", "Step Functions"),
    ("eventbridge", "EventBridge"),
    ("organizations", "Organizations"),
    ("cost", "Cost optimisation"),
    ("networking", "Hybrid networking"),
    ("storage", "Block and file storage"),
    ("observability", "Tracing and logs"),
];

const SERVICES: &[&str] = &[
    "EC2",
    "S3",
    "IAM",
    "SQS",
    "SNS",
    "Lambda",
    "DynamoDB",
    "RDS",
    "Aurora",
    "CloudFront",
    "Route 53",
    "API Gateway",
    "ECS",
    "EKS",
    "Fargate",
    "CloudFormation",
    "CloudWatch",
    "KMS",
    "Kinesis",
    "Step Functions",
    "EventBridge",
    "VPC",
    "ELB",
    "Auto Scaling",
    "EFS",
    "EBS",
    "CodePipeline",
    "CodeBuild",
    "Secrets Manager",
    "Systems Manager",
    "X-Ray",
    "Organizations",
];

const NOUNS: &[&str] = &[
    "bucket",
    "policy",
    "role",
    "queue",
    "topic",
    "instance",
    "function",
    "table",
    "index",
    "stream",
    "shard",
    "partition",
    "subnet",
    "route",
    "gateway",
    "endpoint",
    "listener",
    "target group",
    "cluster",
    "task",
    "service",
    "container",
    "image",
    "volume",
    "snapshot",
    "key",
    "secret",
    "parameter",
    "stack",
    "change set",
    "template",
    "resource",
    "principal",
    "permission",
    "boundary",
    "session",
    "token",
    "request",
    "response",
    "retry",
    "timeout",
    "throughput",
    "latency",
    "capacity",
    "quota",
    "limit",
    "region",
    "availability zone",
    "replica",
    "backup",
    "alarm",
    "metric",
    "dashboard",
    "log group",
    "trace",
    "deployment",
    "pipeline",
    "artifact",
    "build",
    "environment",
    "version",
    "alias",
    "layer",
    "trigger",
    "event",
    "rule",
    "schedule",
    "state machine",
    "workflow",
    "distribution",
    "origin",
    "cache",
    "certificate",
    "record",
    "health check",
    "zone",
    "account",
    "organization",
    "budget",
    "tag",
    "lifecycle rule",
    "storage class",
    "object",
    "prefix",
    "consumer",
    "producer",
    "message",
    "batch",
    "visibility timeout",
    "dead-letter queue",
    "connection",
    "security group",
    "network ACL",
    "NAT gateway",
    "peering connection",
    "transit gateway",
];

const VERBS: &[&str] = &[
    "handles",
    "stores",
    "encrypts",
    "replicates",
    "routes",
    "scales",
    "throttles",
    "retries",
    "caches",
    "invalidates",
    "rotates",
    "assumes",
    "grants",
    "denies",
    "evaluates",
    "emits",
    "buffers",
    "batches",
    "partitions",
    "monitors",
    "restores",
    "deploys",
    "rolls back",
    "provisions",
    "tags",
    "logs",
    "forwards",
    "resolves",
    "terminates",
    "launches",
    "polls",
    "publishes",
    "subscribes to",
    "validates",
    "signs",
    "limits",
    "isolates",
    "exposes",
];

const ADJECTIVES: &[&str] = &[
    "regional",
    "global",
    "private",
    "public",
    "encrypted",
    "idempotent",
    "eventual",
    "strong",
    "durable",
    "ephemeral",
    "managed",
    "serverless",
    "cross-account",
    "temporary",
    "long-lived",
    "provisioned",
    "on-demand",
    "reserved",
    "spot",
    "default",
    "custom",
    "least-privilege",
    "multi-AZ",
    "read-only",
    "write-heavy",
    "hot",
    "cold",
    "stale",
    "consistent",
    "asynchronous",
    "synchronous",
    "immutable",
    "versioned",
    "expensive",
    "cheap",
];

const CONNECTORS: &[&str] = &[
    "because", "so", "while", "unless", "when", "after", "before", "and", "but", "until",
    "whereas", "since", "although", "once",
];

const INLINE_CODE: &[&str] = &[
    "s3:GetObject",
    "sts:AssumeRole",
    "iam:PassRole",
    "kms:Decrypt",
    "!Ref",
    "!GetAtt",
    "!Sub",
    "Fn::ImportValue",
    "DependsOn",
    "DeletionPolicy: Retain",
    "aws s3 sync",
    "aws sts get-caller-identity",
    "VisibilityTimeout",
    "MessageRetentionPeriod",
    "ReservedConcurrentExecutions",
    "x-amz-server-side-encryption",
    "169.254.169.254",
    "aws:SourceVpce",
    "aws:PrincipalOrgID",
    "Condition",
    "NotAction",
    "Effect: Deny",
    "ProvisionedThroughputExceededException",
    "ConditionalCheckFailedException",
    "TTL",
    "GSI",
    "LSI",
    "MaxReceiveCount",
    "HealthCheckGracePeriod",
    "UpdateReplacePolicy",
    "cfn-signal",
    "cfn-init",
    "boto3.client(\"s3\")",
    "lambda_handler",
    "ARN",
    "0.0.0.0/0",
    "10.0.0.0/16",
    "Cache-Control",
    "max-age=300",
    "TLSv1.2",
    "--dry-run",
];

const RESOURCE_TYPES: &[(&str, &str)] = &[
    ("Bucket", "AWS::S3::Bucket"),
    ("Queue", "AWS::SQS::Queue"),
    ("Topic", "AWS::SNS::Topic"),
    ("Table", "AWS::DynamoDB::Table"),
    ("Function", "AWS::Lambda::Function"),
    ("Role", "AWS::IAM::Role"),
    ("Key", "AWS::KMS::Key"),
    ("LogGroup", "AWS::Logs::LogGroup"),
    ("SecurityGroup", "AWS::EC2::SecurityGroup"),
    ("Instance", "AWS::EC2::Instance"),
];

const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "s3:DeleteObject",
    "sqs:SendMessage",
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sns:Publish",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "lambda:InvokeFunction",
    "sts:AssumeRole",
    "ec2:DescribeInstances",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
];

const DIFFICULTIES: &[&str] = &["beginner", "intermediate", "advanced"];

// ---------------------------------------------------------------------------------------------
// Text.

fn words(rng: &mut Rng, n: usize, out: &mut String) -> usize {
    let mut count = 0;
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        let w: &str = match rng.below(10) {
            0..=3 => rng.pick(NOUNS),
            4..=5 => rng.pick(VERBS),
            6..=7 => rng.pick(ADJECTIVES),
            8 => rng.pick(SERVICES),
            _ => rng.pick(&["the", "a", "each", "every", "its", "your", "this", "no"]),
        };
        out.push_str(w);
        count += w.split(' ').count();
    }
    count
}

/// A sentence with optional inline code; returns its word count.
fn sentence(rng: &mut Rng, out: &mut String) -> usize {
    let start = out.len();
    let mut n = 0;
    out.push_str(rng.pick(&["The", "A", "Each", "Your", "This", "Every"]));
    out.push(' ');
    n += 1;
    let k = rng.range(3, 7);
    n += words(rng, k, out);
    out.push(' ');
    out.push_str(rng.pick(CONNECTORS));
    out.push(' ');
    n += 1;
    let k = rng.range(3, 7);
    n += words(rng, k, out);
    if rng.pct(35) {
        out.push_str(" with `");
        out.push_str(rng.pick(INLINE_CODE));
        out.push('`');
        n += 2;
    }
    if rng.pct(10) {
        out.push_str(", which is **");
        out.push_str(rng.pick(ADJECTIVES));
        out.push_str("**");
        n += 3;
    }
    out.push('.');
    debug_assert!(out.len() > start);
    n
}

/// A question as planned before any text is written: where it lives and what it is called.
struct Plan {
    folder: &'static str,
    slug: String,
    topics: Vec<&'static str>,
    title: String,
}

fn plan(seed: u64, index: usize) -> Plan {
    let mut rng = question_rng(seed, index, 1);
    let t = rng.range(1, 3);
    let mut topics: Vec<&'static str> = Vec::with_capacity(t);
    while topics.len() < t {
        let slug = TOPICS[rng.below(TOPICS.len())].0;
        if !topics.contains(&slug) {
            topics.push(slug);
        }
    }
    let service = rng.pick(SERVICES);
    let noun = rng.pick(NOUNS);
    let noun2 = rng.pick(NOUNS);
    let adj = rng.pick(ADJECTIVES);
    let verb = rng.pick(VERBS);
    let title = match rng.below(6) {
        0 => format!("How does {service} handle a {adj} {noun}?"),
        1 => format!("What happens when a {noun} {verb} a {adj} {noun2}?"),
        2 => format!("When would you choose a {adj} {noun} over a {noun2} in {service}?"),
        3 => format!("Why does the {noun} fail when {service} {verb} the {noun2}?"),
        4 => format!("Explain the {adj} {noun} of {service} and its limits"),
        _ => format!("How do you secure a {noun} that {verb} {adj} {noun2} data?"),
    };
    let slug = format!(
        "{}-{}",
        slugify(&format!("{noun} {adj} {noun2}")),
        index + 1
    );
    Plan {
        folder: topics[0],
        slug,
        topics,
        title,
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn link(plans: &[Plan], target: usize, rng: &mut Rng) -> String {
    let p = &plans[target];
    let label = match rng.below(3) {
        0 => format!("the {} question", p.topics[0]),
        1 => "this related question".to_string(),
        _ => p.title.trim_end_matches('?').to_string(),
    };
    format!("[{label}](../{}/{}.md)", p.folder, p.slug)
}

// ---------------------------------------------------------------------------------------------
// Code blocks. JSON goes through serde_json; YAML is written from a fixed, valid shape.

fn cfn_yaml(rng: &mut Rng) -> String {
    let mut y = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    if rng.pct(50) {
        y.push_str("Parameters:\n  Stage:\n    Type: String\n    AllowedValues: [dev, prod]\n");
        y.push_str("Conditions:\n  IsProd: !Equals [!Ref Stage, prod]\n");
    }
    y.push_str("Resources:\n");
    let n = rng.range(1, 3);
    let mut names = Vec::new();
    for k in 0..n {
        let (name, ty) = rng.pick(RESOURCE_TYPES);
        let name = format!("{name}{}", k + 1);
        let _ = writeln!(y, "  {name}:\n    Type: {ty}");
        if rng.pct(30) {
            y.push_str("    DeletionPolicy: Retain\n");
        }
        y.push_str("    Properties:\n");
        let _ = writeln!(
            y,
            "      Name: !Sub \"${{AWS::StackName}}-{}\"",
            slugify(rng.pick(NOUNS))
        );
        if let Some(prev) = names.last() {
            let _ = writeln!(y, "      Target: !GetAtt {prev}.Arn");
            let _ = writeln!(y, "      Reference: !Ref {prev}");
        }
        let _ = writeln!(
            y,
            "      Tags:\n        - Key: team\n          Value: {}",
            slugify(rng.pick(NOUNS))
        );
        names.push(name);
    }
    y.push_str("Outputs:\n");
    let last = names.last().unwrap();
    let _ = writeln!(
        y,
        "  Arn:\n    Value: !GetAtt {last}.Arn\n    Export:\n      Name: !Sub \"${{AWS::StackName}}-arn\""
    );
    y
}

fn iam_json(rng: &mut Rng) -> String {
    let statements: Vec<serde_json::Value> = (0..rng.range(1, 3))
        .map(|k| {
            let actions: Vec<&str> = (0..rng.range(1, 4)).map(|_| rng.pick(ACTIONS)).collect();
            let mut s = serde_json::json!({
                "Sid": format!("Statement{}", k + 1),
                "Effect": if rng.pct(80) { "Allow" } else { "Deny" },
                "Action": actions,
                "Resource": format!("arn:aws:s3:::{}-{}/*", slugify(rng.pick(NOUNS)), rng.below(1000)),
            });
            if rng.pct(40) {
                s["Condition"] = serde_json::json!({
                    "StringEquals": { "aws:PrincipalOrgID": format!("o-{:010x}", rng.next() & 0xff_ffff_ffff) }
                });
            }
            s
        })
        .collect();
    let doc = serde_json::json!({ "Version": "2012-10-17", "Statement": statements });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

fn bash_block(rng: &mut Rng) -> String {
    let mut b = String::new();
    for _ in 0..rng.range(2, 5) {
        let line = match rng.below(5) {
            0 => format!(
                "aws s3 cp ./build s3://{}-{}/ --recursive",
                slugify(rng.pick(NOUNS)),
                rng.below(100)
            ),
            1 => format!(
                "aws sqs get-queue-attributes --queue-url \"$QUEUE_URL\" --attribute-names {}",
                rng.pick(&["All", "ApproximateNumberOfMessages", "RedrivePolicy"])
            ),
            2 => "aws sts get-caller-identity --query Arn --output text".to_string(),
            3 => format!(
                "aws cloudformation deploy --template-file template.yaml --stack-name {} --capabilities CAPABILITY_IAM",
                slugify(rng.pick(NOUNS))
            ),
            _ => format!(
                "for id in $(aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId' --output text); do echo \"$id\"; done  # {}",
                rng.pick(ADJECTIVES)
            ),
        };
        b.push_str(&line);
        b.push('\n');
    }
    b
}

fn python_block(rng: &mut Rng) -> String {
    let client = rng.pick(&["s3", "sqs", "dynamodb", "sns", "kms"]);
    let mut p = format!(
        "import json\nimport boto3\n\n{client} = boto3.client(\"{client}\")\n\n\ndef lambda_handler(event, context):\n"
    );
    let _ = writeln!(p, "    records = event.get(\"Records\", [])");
    let _ = writeln!(p, "    for record in records:");
    let _ = writeln!(p, "        body = json.loads(record[\"body\"])");
    let _ = writeln!(
        p,
        "        if body.get(\"{}\") is None:\n            continue",
        slugify(rng.pick(NOUNS)).replace('-', "_")
    );
    let _ = writeln!(p, "        print(f\"processing {{body['id']}}\")");
    let _ = writeln!(
        p,
        "    return {{\"statusCode\": 200, \"count\": len(records)}}"
    );
    p
}

/// One of the answer's code blocks: yaml, json, bash or python.
fn answer_block(rng: &mut Rng, out: &mut String) {
    let (lang, code) = match rng.below(4) {
        0 => ("yaml", cfn_yaml(rng)),
        1 => ("json", iam_json(rng)),
        2 => ("bash", bash_block(rng)),
        _ => ("python", python_block(rng)),
    };
    out.push_str("For example:\n\n");
    fence(lang, &code, out);
}

fn fence(lang: &str, code: &str, out: &mut String) {
    let _ = write!(out, "```{lang}\n{code}```\n\n");
}

// ---------------------------------------------------------------------------------------------
// A question file.

struct Question {
    rel: String,
    yaml: bool,
    front_fields: Vec<(&'static str, String)>,
    body: String,
    difficulty: Option<&'static str>,
    updated: Option<String>,
}

fn question(seed: u64, index: usize, plans: &[Plan]) -> Question {
    let p = &plans[index];
    let mut rng = question_rng(seed, index, 2);
    let yaml = rng.pct(25);
    let difficulty = if rng.pct(90) {
        Some(rng.pick(DIFFICULTIES))
    } else {
        None
    };
    let weight = if rng.pct(20) {
        Some(rng.below(1000) as i64 * 10)
    } else {
        None
    };
    let updated = if rng.pct(50) {
        Some(format!(
            "2026-{:02}-{:02}",
            rng.range(1, 12),
            rng.range(1, 28)
        ))
    } else {
        None
    };

    let mut body = String::new();
    // Prompt.
    for _ in 0..rng.range(1, 3) {
        sentence(&mut rng, &mut body);
        body.push(' ');
    }
    body.pop();
    body.push_str("\n\n");
    if rng.pct(33) {
        if rng.pct(50) {
            fence("yaml", &cfn_yaml(&mut rng), &mut body);
        } else {
            fence("json", &iam_json(&mut rng), &mut body);
        }
        body.push_str("What does this do, and what would you change?\n\n");
    }
    body.push_str("## Answer\n\n");

    // Answer: 150-400 words of paragraphs and lists, links, and in 40% one or two code blocks.
    let target = rng.range(140, 330);
    let mut count = 0;
    let mut links = if plans.len() > 1 { rng.range(1, 3) } else { 0 };
    let mut blocks = if rng.pct(40) { rng.range(1, 2) } else { 0 };
    let mut part = 0;
    let next_link = |rng: &mut Rng| loop {
        let t = rng.below(plans.len());
        if t != index {
            return link(plans, t, rng);
        }
    };
    while count < target {
        match part % 4 {
            0 | 2 => {
                for _ in 0..rng.range(2, 4) {
                    count += sentence(&mut rng, &mut body);
                    body.push(' ');
                }
                if links > 0 && rng.pct(60) {
                    let _ = write!(body, "See {} for the details.", next_link(&mut rng));
                    links -= 1;
                    count += 6;
                } else {
                    body.pop();
                }
                body.push_str("\n\n");
            }
            1 => {
                if part == 5 {
                    let _ = write!(body, "### {}\n\n", capitalize(rng.pick(NOUNS)));
                }
                let numbered = rng.pct(30);
                for k in 0..rng.range(3, 6) {
                    if numbered {
                        let _ = write!(body, "{}. ", k + 1);
                    } else {
                        body.push_str("- ");
                    }
                    if rng.pct(40) {
                        let _ = write!(body, "**{}**: ", capitalize(rng.pick(NOUNS)));
                        count += 1;
                    }
                    let k = rng.range(6, 14);
                    count += words(&mut rng, k, &mut body);
                    if rng.pct(30) {
                        let _ = write!(body, " (`{}`)", rng.pick(INLINE_CODE));
                        count += 1;
                    }
                    if links > 0 && rng.pct(25) {
                        let _ = write!(body, "; see {}", next_link(&mut rng));
                        links -= 1;
                        count += 4;
                    }
                    body.push('\n');
                }
                body.push('\n');
            }
            _ => {
                if blocks > 0 {
                    answer_block(&mut rng, &mut body);
                    blocks -= 1;
                } else if links > 0 {
                    let _ = write!(body, "Compare with {}.\n\n", next_link(&mut rng));
                    links -= 1;
                }
            }
        }
        part += 1;
    }
    // Whatever the loop did not place yet, in short form.
    while blocks > 0 || links > 0 {
        if blocks > 0 {
            answer_block(&mut rng, &mut body);
            blocks -= 1;
        }
        if links > 0 {
            let _ = write!(body, "Compare with {}.\n\n", next_link(&mut rng));
            links -= 1;
        }
    }
    body.push_str("## Further reading\n\n");
    let _ = writeln!(
        body,
        "- [{} developer guide](https://docs.aws.amazon.com/{}/latest/userguide/)",
        rng.pick(SERVICES),
        p.topics[0]
    );

    let mut front_fields = vec![("title", quote(&p.title))];
    let topics = p
        .topics
        .iter()
        .map(|t| quote(t))
        .collect::<Vec<_>>()
        .join(", ");
    front_fields.push(("topics", format!("[{topics}]")));
    if let Some(d) = difficulty {
        front_fields.push(("difficulty", quote(d)));
    }
    if let Some(w) = weight {
        front_fields.push(("weight", w.to_string()));
    }
    Question {
        rel: format!("{}/{}.md", p.folder, p.slug),
        yaml,
        front_fields,
        body,
        difficulty,
        updated,
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A double-quoted string, valid in TOML and YAML alike (the text here is plain ASCII).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn front_matter(yaml: bool, fields: &[(&str, String)]) -> String {
    let fence = if yaml { "---" } else { "+++" };
    let sep = if yaml { ": " } else { " = " };
    let mut s = format!("{fence}\n");
    for (k, v) in fields {
        let _ = writeln!(s, "{k}{sep}{v}");
    }
    let _ = writeln!(s, "{fence}");
    s
}

fn cramdown_file(q: &Question) -> String {
    let mut fields = q.front_fields.clone();
    if let Some(u) = &q.updated {
        fields.push(("updated", u.clone()));
    }
    front_matter(q.yaml, &fields) + "\n" + &q.body
}

fn hugo_file(q: &Question) -> String {
    let mut fields: Vec<(&str, String)> = q
        .front_fields
        .iter()
        .filter(|(k, _)| *k != "difficulty")
        .cloned()
        .collect();
    if let Some(u) = &q.updated {
        fields.push(("lastmod", u.clone()));
    }
    if let Some(d) = q.difficulty {
        // Hugo takes unknown front matter fields as page params.
        fields.push(("difficulty", quote(d)));
    }
    front_matter(q.yaml, &fields) + "\n" + &md_links_to_html(&q.body)
}

/// `](../x/y.md)` and `](../x/y.md#a)` become `](../x/y.html...)`: with `uglyURLs` the page of
/// `content/x/y.md` is `x/y.html`, so the relative link is the same one cramdown writes.
fn md_links_to_html(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("](../") {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let end = tail.find(')').unwrap_or(tail.len());
        let target = &tail[..end];
        match target.find(".md") {
            Some(m) => {
                out.push_str(&target[..m]);
                out.push_str(".html");
                out.push_str(&target[m + 3..]);
            }
            None => out.push_str(target),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// The two sites.

fn site_toml() -> String {
    let mut s = String::from(
        "title = \"Synthetic AWS question bank\"\n\
         description = \"Generated by examples/corpus.rs for the speed benchmark.\"\n\
         base_url = \"https://example.org/bank/\"\n\n",
    );
    for (slug, title) in TOPICS {
        let _ = writeln!(
            s,
            "[topics.{slug}]\ntitle = {}\ndescription = {}\n",
            quote(title),
            quote(&format!(
                "Questions about {title}: how it works, its limits and its failure modes."
            ))
        );
    }
    s
}

fn hugo_toml() -> String {
    // `uglyURLs`: one `<folder>/<slug>.html` per question, like cramdown. Links in the layouts
    // are Hugo's root-relative `RelPermalink`s; `relativeURLs` (a rewrite pass over every page
    // that cramdown's relative links make unnecessary) is left off, which favours Hugo.
    String::from(
        "baseURL = \"https://example.org/bank/\"\n\
         title = \"Synthetic AWS question bank\"\n\
         languageCode = \"en\"\n\
         uglyURLs = true\n\
         disableKinds = [\"RSS\", \"section\"]\n\
         enableRobotsTXT = true\n\n\
         [taxonomies]\n\
         topic = \"topics\"\n\n\
         [markup.highlight]\n\
         noClasses = false\n\
         codeFences = true\n\
         guessSyntax = false\n\n\
         [markup.goldmark.extensions]\n\
         table = true\n\
         strikethrough = true\n\
         taskList = true\n\
         footnote = true\n\n\
         [params]\n\
         description = \"Generated by examples/corpus.rs for the speed benchmark.\"\n\n",
    )
}

const INTRO: &str = "+++\ntitle = \"Synthetic AWS question bank\"\n+++\n\nA generated question bank: every topic, every question, for timing builds.\n";

fn prepare(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty && !dir.join(MARKER).exists() {
            return Err(format!(
                "{} is not empty and was not written by this tool; choose another --out",
                dir.display()
            ));
        }
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(dir.join(MARKER), "").map_err(|e| format!("{}: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            let text = fs::read_to_string(entry.path()).map_err(|e| e.to_string())?;
            write(&target, &text)?;
        }
    }
    Ok(())
}

fn run(count: usize, seed: u64, out: &Path) -> Result<(), String> {
    let cram = out.join("cramdown");
    let hugo = out.join("hugo");
    prepare(&cram)?;
    prepare(&hugo)?;
    let plans: Vec<Plan> = (0..count).map(|i| plan(seed, i)).collect();

    write(&cram.join("site.toml"), &site_toml())?;
    write(&cram.join("content/_index.md"), INTRO)?;
    write(&hugo.join("hugo.toml"), &hugo_toml())?;
    write(&hugo.join("content/_index.md"), INTRO)?;
    for (slug, title) in TOPICS {
        let intro = format!(
            "+++\ntitle = {}\n+++\n\nQuestions about {title}: how it works, its limits and its failure modes.\n",
            quote(title)
        );
        write(
            &hugo.join(format!("content/topics/{slug}/_index.md")),
            &intro,
        )?;
    }
    let layouts = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/hugo/layouts");
    copy_tree(&layouts, &hugo.join("layouts"))?;

    let mut bytes = 0usize;
    for i in 0..count {
        let q = question(seed, i, &plans);
        let text = cramdown_file(&q);
        bytes += text.len();
        write(&cram.join("content").join(&q.rel), &text)?;
        write(&hugo.join("content").join(&q.rel), &hugo_file(&q))?;
    }
    eprintln!(
        "corpus: {count} questions ({:.1} MiB of Markdown) in {} and {}",
        bytes as f64 / (1024.0 * 1024.0),
        cram.display(),
        hugo.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let mut count = 1000usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    let usage = "usage: corpus --count N --seed S --out DIR";
    while let Some(a) = args.next() {
        let value = args.next();
        let parsed = match (a.as_str(), value) {
            ("--count", Some(v)) => v.parse().map(|v| count = v).map_err(|_| ()),
            ("--seed", Some(v)) => v.parse().map(|v| seed = v).map_err(|_| ()),
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                Ok(())
            }
            _ => Err(()),
        };
        if parsed.is_err() {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    match run(count, seed, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
