//! The query's syntax tree, its lexer and its recursive-descent parser.

use std::fmt;

use super::filters::{Filters, FILTER_KEYS};
use crate::{Error, Result};

/// Parentheses nested deeper than this are an error (each level costs a stack frame).
pub const MAX_DEPTH: usize = 64;

/// A prefix (`Kreml*`) matches at most this many distinct terms per field, the most frequent
/// ones: a one-letter prefix would otherwise expand to a good part of the dictionary.
pub const MAX_PREFIX_TERMS: usize = 256;

/// A node of the query's syntax tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Free words next to each other (implicit AND), analyzed together: a Vietnamese word of
    /// several syllables or a name of several words (`Statele Unite`) is then recognized.
    Words(String),
    /// `"words"` or `"words"~slop`.
    Phrase {
        /// The words between the quotes.
        text: String,
        /// How many positions the words may be out of place (0: consecutive).
        slop: u32,
    },
    /// `Kreml*`: any word starting with the text.
    Prefix(String),
    /// `title:…`: the node matched in the title.
    Title(Box<Node>),
    /// Every child must match.
    And(Vec<Node>),
    /// Any child may match.
    Or(Vec<Node>),
    /// The child must not match.
    Not(Box<Node>),
}

impl fmt::Display for Node {
    /// The node as a query that parses back to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Words(words) => f.write_str(words),
            Node::Phrase { text, slop: 0 } => write!(f, "\"{text}\""),
            Node::Phrase { text, slop } => write!(f, "\"{text}\"~{slop}"),
            Node::Prefix(prefix) => write!(f, "{prefix}*"),
            Node::Title(inner) => match inner.as_ref() {
                Node::Words(w) if !w.contains(' ') => write!(f, "title:{w}"),
                Node::Phrase { .. } | Node::Prefix(_) => write!(f, "title:{inner}"),
                other => write!(f, "title:({other})"),
            },
            Node::Not(inner) => match inner.as_ref() {
                Node::And(_) | Node::Or(_) => write!(f, "NOT ({inner})"),
                _ => write!(f, "NOT {inner}"),
            },
            Node::And(children) => {
                for (i, child) in children.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" AND ")?;
                    }
                    match child {
                        Node::Or(_) => write!(f, "({child})")?,
                        _ => write!(f, "{child}")?,
                    }
                }
                Ok(())
            }
            Node::Or(children) => {
                for (i, child) in children.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" OR ")?;
                    }
                    write!(f, "{child}")?;
                }
                Ok(())
            }
        }
    }
}

/// A lexical token, with its position (in characters from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    /// `NOT` or `!` (an operator), or `-` (today's exclusion).
    Not {
        operator: bool,
    },
    Word(String),
    Phrase {
        text: String,
        slop: u32,
    },
    /// `title:` directly followed by its value.
    Title,
    /// `lang:ro`, `source:x`, ...
    Filter {
        key: String,
        value: String,
    },
}

/// Splits a query into tokens.
fn lex(query: &str) -> Result<Vec<(Token, usize)>> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let position = i + 1;
        let next_is_operand = chars
            .get(i + 1)
            .is_some_and(|n| !n.is_whitespace() && *n != ')');
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push((Token::Open, position));
                i += 1;
            }
            ')' => {
                tokens.push((Token::Close, position));
                i += 1;
            }
            '"' => {
                let start = i + 1;
                let end = (start..chars.len())
                    .find(|&j| chars[j] == '"')
                    .unwrap_or(chars.len());
                let text: String = chars[start..end].iter().collect();
                i = (end + 1).min(chars.len());
                let mut slop = 0;
                if chars.get(i) == Some(&'~') {
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take_while(|d| d.is_ascii_digit())
                        .collect();
                    if !digits.is_empty() {
                        slop = digits.parse::<u32>().unwrap_or(u32::MAX).min(1_000);
                        i += 1 + digits.chars().count();
                    }
                }
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    tokens.push((Token::Phrase { text, slop }, position));
                }
            }
            '-' | '!' if next_is_operand => {
                tokens.push((Token::Not { operator: c == '!' }, position));
                i += 1;
            }
            '+' if next_is_operand => i += 1,
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()\"".contains(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                lex_word(word, position, &chars, i, &mut tokens)?;
            }
        }
    }
    Ok(tokens)
}

/// Classifies one whitespace-delimited word: an operator, `field:value`, or a word.
fn lex_word(
    word: String,
    position: usize,
    chars: &[char],
    end: usize,
    tokens: &mut Vec<(Token, usize)>,
) -> Result<()> {
    let token = match word.as_str() {
        "AND" | "&&" => Token::And,
        "OR" | "||" => Token::Or,
        "NOT" => Token::Not { operator: true },
        _ => match word.split_once(':') {
            Some((key, value)) if !key.is_empty() && key.chars().all(char::is_alphabetic) => {
                let lower = key.to_lowercase();
                let value_follows = value.is_empty() && matches!(chars.get(end), Some('"' | '('));
                if lower == "title" && (value_follows || !value.is_empty()) {
                    tokens.push((Token::Title, position));
                    if !value.is_empty() {
                        tokens.push((Token::Word(value.to_string()), position + 6));
                    }
                    return Ok(());
                } else if value.is_empty() && !FILTER_KEYS.contains(&lower.as_str()) {
                    // `note:` followed by a space: the colon is punctuation.
                    Token::Word(word)
                } else if FILTER_KEYS.contains(&lower.as_str()) {
                    Token::Filter {
                        key: lower,
                        value: value.to_string(),
                    }
                } else {
                    return Err(Error::InvalidQuery(format!(
                        "unknown field `{key}` at position {position} (fields: title, {}; put \
                         text with a colon in quotes)",
                        FILTER_KEYS.join(", ")
                    )));
                }
            }
            _ => Token::Word(word),
        },
    };
    tokens.push((token, position));
    Ok(())
}

/// Parses `query` into its tree, its filters, and whether it uses operators.
pub(crate) fn parse(query: &str) -> Result<(Option<Node>, Filters, bool)> {
    let mut parser = Parser {
        tokens: lex(query)?,
        next: 0,
        filters: Filters::default(),
        uses_operators: false,
    };
    let mut root = None;
    // A stray `)` ends a group that was never opened: skip it and go on.
    while parser.next < parser.tokens.len() {
        if let Some(node) = parser.or(0)? {
            root = Some(match root.take() {
                None => node,
                Some(previous) => and(vec![previous, node]),
            });
        }
        parser.next += 1;
    }
    Ok((root, parser.filters, parser.uses_operators))
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    filters: Filters,
    uses_operators: bool,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn or(&mut self, depth: usize) -> Result<Option<Node>> {
        let mut children = Vec::new();
        children.extend(self.and(depth)?);
        while self.peek() == Some(&Token::Or) {
            self.next += 1;
            self.uses_operators = true;
            children.extend(self.and(depth)?);
        }
        Ok(match children.len() {
            0 => None,
            1 => children.pop(),
            _ => Some(Node::Or(
                children
                    .into_iter()
                    .flat_map(|c| match c {
                        Node::Or(inner) => inner,
                        other => vec![other],
                    })
                    .collect(),
            )),
        })
    }

    fn and(&mut self, depth: usize) -> Result<Option<Node>> {
        let mut children: Vec<Node> = Vec::new();
        let mut explicit = false;
        loop {
            match self.peek() {
                None | Some(Token::Close) | Some(Token::Or) => break,
                Some(Token::And) => {
                    self.next += 1;
                    self.uses_operators = true;
                    explicit = true;
                    continue;
                }
                _ => {}
            }
            let Some(node) = self.unary(depth)? else {
                continue;
            };
            match (children.last_mut(), node) {
                (Some(Node::Words(previous)), Node::Words(words)) if !explicit => {
                    previous.push(' ');
                    previous.push_str(&words);
                }
                (_, node) => children.push(node),
            }
            explicit = false;
        }
        Ok(match children.len() {
            0 => None,
            1 => children.pop(),
            _ => Some(and(children)),
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Option<Node>> {
        // Iteratively: `------x` must not cost a stack frame per dash.
        let mut negations = 0;
        while let Some(Token::Not { operator }) = self.peek() {
            self.uses_operators |= *operator;
            self.next += 1;
            negations += 1;
        }
        let negated = negations % 2 == 1;
        Ok(self.primary(depth, negated)?.map(|n| match (negated, n) {
            (false, n) => n,
            (true, Node::Not(inner)) => *inner,
            (true, other) => Node::Not(Box::new(other)),
        }))
    }

    fn primary(&mut self, depth: usize, negated: bool) -> Result<Option<Node>> {
        let Some((token, position)) = self.tokens.get(self.next).cloned() else {
            return Ok(None);
        };
        self.next += 1;
        Ok(match token {
            Token::Open => {
                if depth + 1 > MAX_DEPTH {
                    return Err(Error::InvalidQuery(format!(
                        "parentheses nested deeper than {MAX_DEPTH} at position {position}"
                    )));
                }
                self.uses_operators = true;
                let inner = self.or(depth + 1)?;
                if self.peek() == Some(&Token::Close) {
                    self.next += 1;
                }
                inner
            }
            Token::Title => {
                if depth + 1 > MAX_DEPTH {
                    return Err(Error::InvalidQuery(format!(
                        "title: nested deeper than {MAX_DEPTH} at position {position}"
                    )));
                }
                self.uses_operators = true;
                self.primary(depth + 1, false)?
                    .map(|n| Node::Title(Box::new(n)))
            }
            Token::Phrase { text, slop } => {
                self.uses_operators |= slop > 0;
                Some(Node::Phrase { text, slop })
            }
            Token::Word(word) => match word.strip_suffix('*') {
                Some(prefix) if prefix.chars().any(char::is_alphanumeric) => {
                    self.uses_operators = true;
                    Some(Node::Prefix(prefix.trim_end_matches('*').to_string()))
                }
                _ => Some(Node::Words(word)),
            },
            Token::Filter { key, value } => {
                if depth > 0 {
                    return Err(Error::InvalidQuery(format!(
                        "{key}:{value} at position {position}: filters apply to the whole \
                         query; put them outside parentheses"
                    )));
                }
                self.filters.apply(&key, &value, negated, position)?;
                None
            }
            // An operator where an operand was expected (`a AND OR b`, `a )`): skipped.
            Token::Close | Token::And | Token::Or | Token::Not { .. } => None,
        })
    }
}

/// An AND of `children`, nested ANDs flattened.
fn and(children: Vec<Node>) -> Node {
    Node::And(
        children
            .into_iter()
            .flat_map(|c| match c {
                Node::And(inner) => inner,
                other => vec![other],
            })
            .collect(),
    )
}
