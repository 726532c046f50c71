package dev.parley.seeding;

import java.util.SplittableRandom;

/**
 * Customer-service messages as businesses in the Gulf send and receive them: English, Arabic
 * (with the spelling variants people type: hamza or not, taa marbuta or haa, tanween, the
 * article) and a few mixed. Words follow a skewed (Zipf-like) frequency, as real vocabulary does,
 * so some are in a third of all messages and most in a handful.
 */
public final class SampleTexts {

    static final String[] ENGLISH = ("""
            order delivery support help thanks please refund payment account invoice shipped tracking package
            customer service agent issue problem question update status cancel return exchange product price
            discount offer promo code voucher store branch location address phone number email password login
            app website checkout cart item size color stock available today tomorrow morning evening week month
            appointment booking reservation confirm confirmed confirmation reschedule schedule time date slot
            doctor clinic hospital pharmacy prescription insurance claim policy coverage premium renewal bank
            transfer card credit debit balance statement loan installment fee charge receipt warranty repair
            technician visit installation internet router speed outage network signal roaming bill plan upgrade
            subscription trial premium family driver courier pickup dropoff warehouse damaged missing wrong late
            early fast slow quality complaint feedback rating review survey satisfied happy unhappy urgent asap
            manager supervisor escalate callback call message chat whatsapp hello hi good great awesome perfect
            sorry apologize inconvenience understand assist resolve resolved solution ticket reference case
            villa apartment building floor gate parking mall airport flight baggage hotel room checkin checkout
            ramadan eid weekend holiday closed open hours riyadh jeddah dubai doha kuwait muscat manama abudhabi
            """).trim().split("\\s+");

    static final String[] ARABIC = ("""
            مرحبا مرحباً السلام عليكم شكرا شكراً الطلب طلب التوصيل توصيل الدعم مساعدة استرجاع المبلغ الدفع الحساب
            الفاتورة فاتورة الشحن تتبع الطرد خدمة العملاء الموظف مشكلة سؤال تحديث الحالة إلغاء الغاء ارجاع استبدال
            المنتج السعر خصم عرض كود قسيمة المتجر الفرع الموقع العنوان رقم الجوال البريد كلمة المرور التطبيق
            الموقع السلة المقاس اللون متوفر اليوم بكرة غدا الصباح المساء الأسبوع الاسبوع الشهر موعد حجز تأكيد تاكيد
            تأجيل الوقت التاريخ الطبيب العيادة المستشفى الصيدلية الوصفة التأمين التامين مطالبة الوثيقة البنك تحويل
            البطاقة الرصيد كشف قرض قسط رسوم إيصال ايصال الضمان صيانة الفني زيارة تركيب الانترنت الراوتر السرعة انقطاع
            الشبكة الباقة ترقية الاشتراك المندوب استلام المستودع تالف مفقود متأخر متاخر سريع بطيء الجودة شكوى تقييم
            راضي عاجل المدير اتصال رسالة واتساب أهلا اهلا ممتاز رائع عفوا آسف اسف نعتذر الإزعاج الازعاج حل تذكرة
            المرجع فيلا شقة المبنى الدور البوابة المواقف المطار الرحلة الفندق الغرفة رمضان العيد عطلة مغلق مفتوح
            الرياض جدة دبي الدوحة الكويت مسقط المنامة أبوظبي ابوظبي مدرسة المدرسة مدرسه أحمد احمد محمد فاطمة
            """).trim().split("\\s+");

    private final SplittableRandom random;

    public SampleTexts(long seed) {
        random = new SplittableRandom(seed);
    }

    /** An English message of 4 to 18 words. */
    public String english() {
        return words(ENGLISH, 4 + random.nextInt(15));
    }

    /** An Arabic message of 4 to 18 words. */
    public String arabic() {
        return words(ARABIC, 4 + random.nextInt(15));
    }

    private String words(String[] vocabulary, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(word(vocabulary));
        }
        return text.toString();
    }

    /** A message of 4 to 18 words; 55% English, 40% Arabic, 5% both. */
    public String next() {
        double kind = random.nextDouble();
        int words = 4 + random.nextInt(15);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String[] vocabulary = kind < 0.55 ? ENGLISH : kind < 0.95 ? ARABIC : (i % 2 == 0 ? ENGLISH : ARABIC);
            if (i > 0) {
                text.append(' ');
            }
            text.append(word(vocabulary));
            if (random.nextInt(12) == 0) {
                text.append(random.nextBoolean() ? " #" + (1000 + random.nextInt(90_000)) : ",");
            }
        }
        return text.toString();
    }

    /** Skewed: the first words of a vocabulary are by far the most frequent. */
    private String word(String[] vocabulary) {
        double u = random.nextDouble();
        return vocabulary[(int) (vocabulary.length * u * u * u)];
    }
}
