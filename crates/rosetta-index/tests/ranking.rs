//! Ranking properties that the XQuAD figures depend on.

use rosetta_analysis::Language;
use rosetta_index::{NewsDocument, NewsIndex, SearchRequest};

/// A paragraph about the Edict of Nantes, which names it four times.
const EDICT_PARAGRAPH: &str = "Sắc lệnh Nantes được vua Henri IV ký năm 1598. Sắc lệnh này \
    cho người Tin Lành quyền tự do tín ngưỡng và nhiều quyền dân sự. Năm 1685, vua Louis XIV \
    bãi bỏ sắc lệnh đó bằng Sắc lệnh Fontainebleau, khiến hàng trăm nghìn người Huguenot rời \
    khỏi nước Pháp để sang Anh, Hà Lan, Phổ và châu Mỹ.";
/// A short text that mentions an edict once.
const EDICT_MENTION: &str = "Thành phố vừa công bố một sắc lệnh mới về giờ mở cửa chợ đêm.";

fn vietnamese_hits(english_documents: usize) -> Vec<String> {
    let mut docs = vec![
        NewsDocument::new("vi-paragraph", EDICT_PARAGRAPH).with_lang(Language::Vietnamese),
        NewsDocument::new("vi-mention", EDICT_MENTION).with_lang(Language::Vietnamese),
    ];
    for i in 0..english_documents {
        docs.push(
            NewsDocument::new(
                format!("en-{i}"),
                format!(
                    "Report {i}: the city council met on Tuesday to discuss the budget, road \
                     repairs and the new library; members voted to postpone the decision until \
                     next month, when the audit of the transport department is due."
                ),
            )
            .with_lang(Language::English),
        );
    }
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    index
        .search(&SearchRequest::new("sắc lệnh"))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn documents_in_other_languages_do_not_change_the_length_normalization() {
    // A Vietnamese text is compared in length with Vietnamese texts: were the English documents
    // counted in the average length, the paragraph would look many times longer than average and
    // the one-line mention would outrank it.
    for english_documents in [0, 40] {
        assert_eq!(
            vietnamese_hits(english_documents),
            ["vi-paragraph", "vi-mention"],
            "with {english_documents} English documents"
        );
    }
}

#[test]
fn a_stopword_of_another_language_is_a_word_of_the_query() {
    // `ba` (three) is a Romanian stopword; in a Vietnamese question it is what tells the answer.
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer
        .add_documents(&[
            NewsDocument::new(
                "three",
                "Hội nghị thượng đỉnh ở Hà Nội kéo dài ba ngày, với các cuộc gặp giữa hai đoàn \
                 đại biểu và một buổi họp báo chung vào ngày cuối.",
            )
            .with_lang(Language::Vietnamese),
            NewsDocument::new("two", "Hội nghị ở Hà Nội kéo dài hai ngày.")
                .with_lang(Language::Vietnamese),
        ])
        .unwrap();
    writer.commit().unwrap();
    let hits = index
        .search(&SearchRequest::new("hội nghị kéo dài ba ngày"))
        .unwrap()
        .hits;
    assert_eq!(hits[0].id, "three");
}

#[test]
fn a_word_of_several_syllables_counts_once() {
    // No text has every word of the question, so each ranks by the words it has. `đề cập` is one
    // word of two syllables: were it counted once per syllable, a text that merely uses it would
    // outrank the one about the rare term the question is about.
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let mut docs = vec![
        NewsDocument::new(
            "stator",
            "Trong tua-bin hơi nước, các xtato gắn trên vỏ xen kẽ với rô-to; mỗi xtato là một \
             đĩa tĩnh.",
        )
        .with_lang(Language::Vietnamese),
        NewsDocument::new(
            "mention",
            "Báo cáo thường niên của bộ có đề cập đến chi phí bảo trì các nhà máy điện than, \
             thuỷ điện và điện gió, cùng kế hoạch nâng cấp lưới truyền tải ở miền Trung.",
        )
        .with_lang(Language::Vietnamese),
    ];
    for (i, town) in ["Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Vinh"]
        .iter()
        .enumerate()
    {
        docs.push(
            NewsDocument::new(
                format!("filler-{i}"),
                format!("Chính quyền {town} công bố kế hoạch sửa đường và xây trường học mới."),
            )
            .with_lang(Language::Vietnamese),
        );
    }
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    let hits = index
        .search(&SearchRequest::new(
            "Một cách khác để đề cập đến xtato là gì?",
        ))
        .unwrap()
        .hits;
    assert_eq!(hits[0].id, "stator", "{hits:?}");
}
