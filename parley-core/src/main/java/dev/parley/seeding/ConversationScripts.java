package dev.parley.seeding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Demo conversations that read like customer service: the customer greets, the agent answers and
 * asks, the customer explains (with an order, invoice or booking number), the agent answers, a few
 * follow-ups, thanks and goodbye. In English or Arabic, on a topic (a late delivery, a refund, a
 * payment, an appointment, an internet outage, a damaged item), with names, numbers and places
 * drawn from the seed, so search and the dashboard show what they would show on real data.
 */
public final class ConversationScripts {

    /** What a conversation is about and the names it mentions; {@code order} also goes into the conversation's custom fields. */
    public record Details(boolean arabic, int topic, String customer, String agent, String order, String city, int amount) {
    }

    private static final String[] NAMES_EN = {"Sarah", "Omar", "Lina", "James", "Fatima", "Ahmed", "Noura", "David", "Maya", "Khalid"};
    private static final String[] NAMES_AR = {"نورة", "أحمد", "فاطمة", "محمد", "سارة", "خالد", "ريم", "عبدالله", "هند", "يوسف"};
    private static final String[] AGENTS_EN = {"Rania", "Tom", "Hassan", "Emily", "Faisal", "Aisha", "Ben"};
    private static final String[] AGENTS_AR = {"رانيا", "حسن", "فيصل", "عائشة", "منى", "سلطان", "ليلى"};
    private static final String[] CITIES_EN = {"Riyadh", "Jeddah", "Dubai", "Doha", "Kuwait City", "Muscat", "Manama"};
    private static final String[] CITIES_AR = {"الرياض", "جدة", "دبي", "الدوحة", "الكويت", "مسقط", "المنامة"};

    private static final String[][] GREETINGS = {{"Hello", "Hi there", "Good morning", "Hi, anyone there?", "Good evening"},
            {"السلام عليكم", "مرحبا", "صباح الخير", "مساء الخير", "أهلاً، ممكن مساعدة؟"}};
    private static final String[][] WELCOMES = {
            {"Hello %1$s, this is %2$s from Souq Express support. How can I help you today?",
                    "Hi %1$s! %2$s here. What can I do for you?"},
            {"وعليكم السلام %1$s، معك %2$s من خدمة عملاء سوق إكسبرس. كيف أقدر أساعدك؟",
                    "أهلاً %1$s، معك %2$s. تفضل، كيف نخدمك؟"}};

    /**
     * Per topic: the problem, the agent's question, the detail given, the agent's answer, a
     * follow-up and its answer. %1$s the order number, %2$s the city, %3$d an amount, %4$s the customer.
     */
    private static final String[][][] TOPICS = {
            { // a late delivery
                    {"My order %1$s was supposed to arrive yesterday and it's still not here.", "Sorry about the delay! Can you confirm the delivery address?",
                            "It's the villa next to the mall in %2$s, same as always.", "Thanks. Order %1$s left our %2$s warehouse this morning; the courier will deliver it today before 9 pm.",
                            "Will the courier call me before coming?", "Yes, you'll get a call and a WhatsApp message 30 minutes before arrival."},
                    {"طلبي رقم %1$s كان المفروض يوصل أمس وإلى الآن ما وصل.", "نعتذر عن التأخير! ممكن تأكد لي عنوان التوصيل؟",
                            "العنوان نفسه، الفيلا جنب المول في %2$s.", "شكراً لك. الطلب %1$s طلع من مستودع %2$s اليوم الصباح، والمندوب بيوصله اليوم قبل الساعة ٩ مساءً.",
                            "المندوب بيتصل علي قبل ما يجي؟", "أكيد، بيوصلك اتصال ورسالة واتساب قبل الوصول بنص ساعة."}},
            { // a refund
                    {"I returned the shoes from order %1$s last week. When will I get my refund?", "Let me check that. Did you get a return receipt?",
                            "Yes, the receipt number is R-%1$s and the amount was %3$d SAR.", "I can see the return of order %1$s. The refund of %3$d SAR was approved today and reaches your card within 5 to 7 working days.",
                            "Can I get it as store credit instead? I need it faster.", "Sure, I've switched it to store credit: %3$d SAR is in your wallet now."},
                    {"رجعت الحذاء من الطلب %1$s الأسبوع الماضي، متى يرجع لي المبلغ؟", "خلني أتأكد لك. هل استلمت إيصال الإرجاع؟",
                            "نعم، رقم الإيصال R-%1$s والمبلغ %3$d ريال.", "الإرجاع للطلب %1$s ظاهر عندي. تمت الموافقة على استرجاع %3$d ريال اليوم، ويوصل لبطاقتك خلال ٥ إلى ٧ أيام عمل.",
                            "ممكن يكون رصيد في المحفظة بدال؟ أحتاجه أسرع.", "أكيد، حولته لرصيد في المحفظة: %3$d ريال صارت في حسابك الآن."}},
            { // a payment that failed
                    {"My card payment for invoice %1$s failed but the money left my account.", "I'm sorry for the trouble. What time did you try to pay?",
                            "Around 10 pm yesterday, %3$d SAR with my Mada card.", "The payment for invoice %1$s was declined by the bank, so the %3$d SAR hold will be released within 48 hours.",
                            "Can I pay with Apple Pay now instead?", "Yes, I've sent a new payment link for invoice %1$s to your phone."},
                    {"الدفع بالبطاقة للفاتورة %1$s فشل بس المبلغ انخصم من حسابي.", "نعتذر عن الإزعاج. متى حاولت الدفع؟",
                            "تقريباً الساعة ١٠ مساء أمس، %3$d ريال ببطاقة مدى.", "عملية الدفع للفاتورة %1$s رفضها البنك، والمبلغ المحجوز %3$d ريال بيرجع خلال ٤٨ ساعة.",
                            "أقدر أدفع الحين عن طريق Apple Pay؟", "نعم، أرسلت لك رابط دفع جديد للفاتورة %1$s على جوالك."}},
            { // an appointment
                    {"I need to reschedule my appointment at the %2$s clinic, booking %1$s.", "No problem. Which day suits you better?",
                            "Thursday afternoon if possible.", "Booking %1$s is moved to Thursday at 4:30 pm at our %2$s branch. You'll get a confirmation SMS.",
                            "Do I need to bring anything?", "Please bring your ID and insurance card, and come 10 minutes early."},
                    {"أبغى أغير موعدي في عيادة %2$s، رقم الحجز %1$s.", "ولا يهمك. أي يوم يناسبك أكثر؟",
                            "يوم الخميس العصر إذا ممكن.", "تم تغيير الحجز %1$s إلى يوم الخميس الساعة ٤:٣٠ عصراً في فرع %2$s. بتوصلك رسالة تأكيد.",
                            "أحتاج أجيب شي معي؟", "يرجى إحضار الهوية وبطاقة التأمين، والحضور قبل الموعد بعشر دقائق."}},
            { // an internet outage
                    {"The internet at my apartment in %2$s has been down since this morning. Account %1$s.", "Sorry to hear that. Is the router showing a red light?",
                            "Yes, the internet light is red and I restarted it twice.", "There is a network outage in part of %2$s. Our technicians expect to fix it by 6 pm today.",
                            "Will I be compensated for the outage?", "Yes, a credit of %3$d SAR will be added to your next bill for account %1$s."},
                    {"الانترنت في شقتي في %2$s مقطوع من الصباح. رقم الحساب %1$s.", "نأسف لذلك. هل يظهر ضوء أحمر في الراوتر؟",
                            "نعم، ضوء الانترنت أحمر وسويت إعادة تشغيل مرتين.", "فيه انقطاع في الشبكة في جزء من %2$s، والفنيين متوقعين يصلحونه اليوم قبل الساعة ٦ مساءً.",
                            "بيكون فيه تعويض عن الانقطاع؟", "نعم، بينضاف رصيد %3$d ريال على فاتورتك الجاية للحساب %1$s."}},
            { // a damaged item
                    {"The blender from order %1$s arrived damaged, the jar is cracked.", "I'm really sorry! Could you send a photo of the damage?",
                            "Sent it just now, you can see the crack on the side.", "Thank you. I've arranged a free replacement for order %1$s; the courier will collect the damaged one in %2$s tomorrow.",
                            "Do I need the original box?", "No need, the courier will bring new packaging."},
                    {"الخلاط من الطلب %1$s وصلني مكسور، الإبريق فيه شرخ.", "نعتذر جداً! ممكن ترسل صورة للضرر؟",
                            "أرسلتها الحين، الشرخ واضح على الجنب.", "شكراً لك. رتبت لك استبدال مجاني للطلب %1$s، والمندوب بيستلم القطعة التالفة في %2$s بكرة.",
                            "لازم الكرتون الأصلي؟", "ما يحتاج، المندوب بيجيب تغليف جديد."}}};

    /** More questions a customer asks, and the answers, for longer conversations. */
    private static final String[][][] FOLLOW_UPS = {
            {{"Can I change the delivery time to the evening?", "Done, the delivery window is now 6 to 9 pm."},
                    {"Is there a discount for the trouble?", "I've added a 15%% voucher, code SORRY15, to your account."},
                    {"Can you send me the tracking link on WhatsApp?", "Sent! You can follow the courier live from that link."},
                    {"Do you deliver on Friday too?", "Yes, we deliver every day, Friday from 2 pm."},
                    {"What's the reference number for this case?", "Your case reference is CASE-%1$s."},
                    {"Can I add another item to order %1$s?", "Unfortunately not after dispatch, but a new order ships free today."},
                    {"My phone number changed, can you update it?", "Of course, please send the new number and I'll update your account."},
                    {"Is the branch in %2$s open during Ramadan?", "Yes, from 9 pm to 2 am during Ramadan."}},
            {{"ممكن أغير وقت التوصيل للمساء؟", "تم، صار وقت التوصيل من ٦ إلى ٩ مساءً."},
                    {"فيه خصم على التأخير؟", "أضفت لك قسيمة خصم ١٥٪ بالكود SORRY15 في حسابك."},
                    {"ممكن ترسل لي رابط التتبع على الواتساب؟", "تم الإرسال! تقدر تتابع المندوب مباشرة من الرابط."},
                    {"توصلون يوم الجمعة؟", "نعم، نوصل كل يوم، والجمعة من الساعة ٢ الظهر."},
                    {"وش رقم المرجع للطلب هذا؟", "رقم المرجع حقك CASE-%1$s."},
                    {"أقدر أضيف منتج ثاني للطلب %1$s؟", "للأسف ما نقدر بعد الشحن، لكن الطلب الجديد توصيله مجاني اليوم."},
                    {"رقم جوالي تغير، ممكن تحدثه؟", "أكيد، أرسل الرقم الجديد وأحدثه لك."},
                    {"فرع %2$s مفتوح في رمضان؟", "نعم، من ٩ مساءً إلى ٢ فجراً في رمضان."}}};

    private static final String[][] THANKS = {{"Thank you so much!", "Great, thanks for your help.", "Perfect, thank you %4$s."},
            {"شكراً جزيلاً!", "تمام، مشكور على المساعدة.", "ممتاز، يعطيك العافية."}};
    private static final String[][] GOODBYES = {{"You're welcome, %4$s. Have a great day!", "Happy to help. Anything else, just message us here."},
            {"العفو %4$s، يومك سعيد!", "في الخدمة دائماً، إذا احتجت شي راسلنا هنا."}};

    private ConversationScripts() {
    }

    /** A conversation's subject and names, drawn from {@code random}. */
    public static Details details(boolean arabic, SplittableRandom random) {
        return new Details(arabic, random.nextInt(TOPICS.length),
                pick(arabic ? NAMES_AR : NAMES_EN, random), pick(arabic ? AGENTS_AR : AGENTS_EN, random),
                "ORD-" + (10_000 + random.nextInt(90_000)), pick(arabic ? CITIES_AR : CITIES_EN, random), 50 + 10 * random.nextInt(95));
    }

    /** {@code count} messages, the customer's first (even positions) and the agent's (odd), ending with thanks and goodbye. */
    public static List<String> messages(Details d, int count, SplittableRandom random) {
        int language = d.arabic() ? 1 : 0;
        String[] topic = TOPICS[d.topic()][language];
        List<String> lines = new ArrayList<>(count + 2);
        lines.add(pick(GREETINGS[language], random));
        lines.add(String.format(pick(WELCOMES[language], random), d.customer(), d.agent()));
        for (String line : topic) {
            lines.add(fill(line, d));
        }
        int closing = count + count % 2 - 2; // thanks on an even (customer) position, goodbye after it
        String[][] followUps = FOLLOW_UPS[language];
        while (lines.size() < closing) {
            String[] pair = followUps[random.nextInt(followUps.length)];
            lines.add(fill(pair[0], d));
            lines.add(fill(pair[1], d));
        }
        if (lines.size() > closing) {
            lines.subList(Math.max(closing, 2), lines.size()).clear();
        }
        lines.add(fill(pick(THANKS[language], random), d));
        lines.add(fill(pick(GOODBYES[language], random), d));
        return new ArrayList<>(lines.subList(0, count));
    }

    private static String fill(String template, Details d) {
        return String.format(template, d.order(), d.city(), d.amount(), d.customer());
    }

    private static String pick(String[] options, SplittableRandom random) {
        return options[random.nextInt(options.length)];
    }
}
